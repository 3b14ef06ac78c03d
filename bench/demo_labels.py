"""Hand labels of the demo data's pairs, for bench/calibrate_floors.py.

(source, target) by natural key: a challenge's or capability's title, a lab's or startup's name,
a mentor's e-mail. True: the pairs each profile in incubator/demo/data.py was written for (the
closed energy challenge is in no run, so its pairs never occur). Plausible: related, but a reviewer could
reject them either way; calibration leaves them out. Every other pair is unrelated.
"""

from __future__ import annotations

# The pairs the demo profiles were written for: (source, target) by challenge or capability
# title, lab or startup name, mentor e-mail. Read from incubator/demo/data.py.
STAMPING_PDM = "Predictive maintenance for our stamping line"
CAMERA_GAUGING = "Tự động kiểm tra kích thước chi tiết dập bằng camera"
PCB_VISION = "Computer vision inspection of PCB solder joints"
ENERGY = "Cut the energy use of reflow ovens and compressed air"
COLD_CHAIN = "Bảo quản lạnh cho chuỗi cung ứng thực phẩm"
WASTEWATER = "Xu ly nuoc thai nha may che bien trai cay"
ROUTES = "Route optimisation for container trucks to Cat Lai port"
FABRIC = "Fabric defect detection and carbon footprint per order"
LAB40, TECHLAB, WORKSHOP = "EIU Lab 4.0", "EIU TechLab", "Production Experimental Workshop (16,000 m²)"
FOOD_LAB, ENERGY_LAB = "Phòng thí nghiệm Công nghệ Thực phẩm TDMU", "VGU Energy Systems Lab"
CAP_PDM = "Predictive maintenance and vibration analysis"
CAP_VISION = "Computer vision for quality inspection"
CAP_COLD = "Công nghệ bảo quản sau thu hoạch và chuỗi lạnh"
CAP_WATER = "Xử lý nước thải công nghiệp và quan trắc môi trường"
CAP_IOT = "Nhà máy thông minh: IoT và số hoá dây chuyền sản xuất"
DEMO_TRUE = {
    (STAMPING_PDM, CAP_PDM), (STAMPING_PDM, LAB40), (STAMPING_PDM, "mentor@demo.test"),
    (CAMERA_GAUGING, CAP_VISION), (CAMERA_GAUGING, LAB40), (CAMERA_GAUGING, "mentor4@demo.test"),
    (PCB_VISION, CAP_VISION), (PCB_VISION, LAB40), (PCB_VISION, "mentor4@demo.test"),
    (ENERGY, "Rooftop solar and energy efficiency for industrial parks"), (ENERGY, ENERGY_LAB),
    (COLD_CHAIN, CAP_COLD), (COLD_CHAIN, FOOD_LAB), (COLD_CHAIN, "mentor3@demo.test"),
    (WASTEWATER, CAP_WATER), (WASTEWATER, "mentor6@demo.test"),
    (ROUTES, "Logistics optimisation and supply chain analytics"), (ROUTES, "mentor5@demo.test"),
    (FABRIC, CAP_VISION), (FABRIC, "mentor6@demo.test"),
    ("VibraSense", TECHLAB), ("VibraSense", WORKSHOP), ("VibraSense", "mentor@demo.test"),
    ("VibraSense", STAMPING_PDM),
    ("FreshTrace", FOOD_LAB), ("FreshTrace", "mentor3@demo.test"), ("FreshTrace", COLD_CHAIN),
    ("InspectAI", WORKSHOP), ("InspectAI", "mentor4@demo.test"), ("InspectAI", PCB_VISION),
    ("CoboCell", LAB40),
    ("Nhuom Xanh", "mentor6@demo.test"), ("Nhuom Xanh", FABRIC),
    ("LogiMate", "mentor5@demo.test"), ("LogiMate", ROUTES),
    ("Mộc Việt Design", "EIU FabLab"), ("Mộc Việt Design", "TDMU FabLab"),
    ("SolarOps", ENERGY_LAB), ("SolarOps", "mentor6@demo.test"), ("SolarOps", ENERGY),
}  # fmt: skip
# Related but not what the profile was written for: a reviewer might accept or reject them.
DEMO_PLAUSIBLE = {
    (STAMPING_PDM, CAP_IOT), (STAMPING_PDM, TECHLAB), (STAMPING_PDM, WORKSHOP),
    (STAMPING_PDM, "Advanced materials and fatigue testing"),
    (STAMPING_PDM, "VGU Materials & Mechanical Testing Lab"),
    (CAMERA_GAUGING, "mentor@demo.test"), (PCB_VISION, TECHLAB), (PCB_VISION, WORKSHOP),
    (PCB_VISION, "mentor@demo.test"), (ENERGY, "mentor6@demo.test"), (ENERGY, "mentor@demo.test"),
    (COLD_CHAIN, CAP_IOT), (COLD_CHAIN, "Logistics optimisation and supply chain analytics"),
    (COLD_CHAIN, "mentor5@demo.test"), (ROUTES, "mentor2@demo.test"), (FABRIC, LAB40),
    (FABRIC, "mentor4@demo.test"), (FABRIC, "mentor5@demo.test"),
    (FABRIC, "Rooftop solar and energy efficiency for industrial parks"),
    ("VibraSense", LAB40), ("VibraSense", "VGU Materials & Mechanical Testing Lab"),
    ("FreshTrace", "mentor2@demo.test"), ("InspectAI", TECHLAB), ("InspectAI", LAB40),
    ("InspectAI", "mentor@demo.test"), ("InspectAI", CAMERA_GAUGING), ("CoboCell", WORKSHOP),
    ("CoboCell", "mentor@demo.test"), ("Nhuom Xanh", "mentor5@demo.test"), ("Nhuom Xanh", WASTEWATER),
    ("LogiMate", "mentor2@demo.test"), ("Mộc Việt Design", "mentor5@demo.test"),
    ("Mộc Việt Design", "mentor6@demo.test"), ("Mộc Việt Design", WORKSHOP),
    ("SolarOps", "Rooftop solar and energy efficiency for industrial parks"),
    ("SolarOps", "mentor2@demo.test"),
}  # fmt: skip
