"""The demo records as plain data; `seed.py` turns them into rows.

Real names (Becamex IDC, Block71, WTC BDNC, EIU, VGU, TDMU, the provincial Department of
Science and Technology, the Science & Technology industrial park, FabLab/TechLab/Lab 4.0 and the
16,000 m² production experimental workshop) come from the news articles in `seeds/`. Every
enterprise, startup, person and challenge below is invented for the demo. Records refer to each
other by natural key: users by e-mail, organizations, startups and programs by name.
Dates are offsets in days from the day of seeding, so the open program stays open.
"""

from __future__ import annotations

from datetime import date

DEMO_PASSWORD = "demo-password"  # noqa: S105  (published demo password, never in production)
DEMO_STAFF = "staff@demo.test"  # starts the demo matching run and takes its first decisions

# Organization names used as references below.
BECAMEX = "Becamex IDC"
BLOCK71 = "Block71 Saigon – Becamex start-up support centre"
WTC = "World Trade Center Binh Duong New City (WTC BDNC)"
EIU = "Eastern International University (EIU)"
VGU = "Vietnamese-German University (VGU)"
TDMU = "Thu Dau Mot University (TDMU)"
DOST = "Binh Duong Department of Science and Technology"
STAMPING = "Công ty Cơ khí Chính xác Tân Uyên"
ELECTRONICS = "Công ty TNHH Điện tử Mỹ Phước"
FOOD = "Công ty CP Thực phẩm Xanh Lái Thiêu"
LOGISTICS = "Công ty CP Kho vận Thông minh Bàu Bàng"
GARMENTS = "Công ty TNHH May mặc Thuận An"
FURNITURE = "Công ty TNHH Đồ gỗ Nội thất Tân Phước Khánh"

# (email, full name, role, language); the first seven are the one-per-role demo accounts.
USERS = [
    ("founder@demo.test", "Nguyễn Minh Anh", "founder", "vi"),
    ("university@demo.test", "Trần Thị Thu Hà", "university", "vi"),
    ("enterprise@demo.test", "Lê Quốc Bảo", "enterprise", "vi"),
    ("mentor@demo.test", "Phạm Thị Lan Hương", "mentor", "en"),
    ("staff@demo.test", "Võ Hoàng Nam", "staff", "vi"),
    ("government@demo.test", "Đặng Văn Phúc", "government", "vi"),
    ("admin@demo.test", "Huỳnh Thanh Tâm", "admin", "en"),
    ("founder2@demo.test", "Bùi Gia Huy", "founder", "en"),
    ("founder3@demo.test", "Đỗ Ngọc Trâm", "founder", "vi"),
    ("founder4@demo.test", "Phan Tuấn Kiệt", "founder", "vi"),
    ("lab.vgu@demo.test", "Hoàng Đức Thịnh", "university", "en"),
    ("lab.tdmu@demo.test", "Lý Thị Mai", "university", "vi"),
    ("mentor2@demo.test", "Trương Quang Vinh", "mentor", "vi"),
    ("mentor3@demo.test", "Dương Thị Kim Ngân", "mentor", "vi"),
    ("mentor4@demo.test", "Mai Xuân Trường", "mentor", "en"),
    ("mentor5@demo.test", "Cao Minh Khoa", "mentor", "vi"),
    ("mentor6@demo.test", "Nguyễn Thị Hồng Nhung", "mentor", "en"),
    ("electronics@demo.test", "Hồ Thị Bích Ngọc", "enterprise", "en"),
    ("food@demo.test", "Lâm Văn Hậu", "enterprise", "vi"),
    ("logistics@demo.test", "Châu Minh Đức", "enterprise", "vi"),
    ("garments@demo.test", "Tạ Thu Trang", "enterprise", "en"),
    ("staff2@demo.test", "Ngô Thị Thanh Thảo", "staff", "vi"),
    ("staff3@demo.test", "Trịnh Công Minh", "staff", "en"),
    ("lab.eiu@demo.test", "Võ Thị Ngọc Hân", "university", "vi"),
]

ORGANIZATIONS = [
    {
        "name": BECAMEX,
        "kind": "incubator",
        "sector": "industrial parks & urban development",
        "city": "Thủ Dầu Một, Bình Dương",
        "website": "https://becamex.com.vn",
        "description": (
            "The province's development corporation. Builds Binh Duong New City and, assigned by the "
            "Provincial People's Committee, the Science and Technology industrial park in Bau Bang "
            "district; proposed the Binh Duong Innovation Region project and reviews the platform's "
            "incubation applications and matches."
        ),
    },
    {
        "name": BLOCK71,
        "kind": "incubator",
        "sector": "startup support",
        "city": "Ho Chi Minh City",
        "description": (
            "Start-up support centre following the Singapore Block 71 model, invested by the National "
            "University of Singapore and Becamex. Connects the start-up ecosystems of Ho Chi Minh City "
            "and Binh Duong and runs incubation cohorts."
        ),
    },
    {
        "name": WTC,
        "kind": "enterprise",
        "sector": "trade & services",
        "city": "Binh Duong New City",
        "description": (
            "Trade centre complex in Binh Duong New City, member of the World Trade Centers "
            "Association since 2019: international exhibitions, trade connections and services."
        ),
    },
    {
        "name": EIU,
        "kind": "university",
        "sector": "higher education",
        "city": "Binh Duong New City, Thủ Dầu Một",
        "website": "https://eiu.edu.vn",
        "description": (
            "International university in Binh Duong New City; all programmes taught in English. "
            "Runs the FabLab, TechLab, Lab 4.0 and the 16,000 m² production experimental workshop "
            "for engineering students, startups and local manufacturers."
        ),
    },
    {
        "name": VGU,
        "kind": "university",
        "sector": "higher education",
        "city": "Bến Cát, Bình Dương",
        "website": "https://vgu.edu.vn",
        "description": (
            "Public international university founded with German partners; engineering, computer "
            "science and business programmes in English. Testing labs for materials and energy systems."
        ),
    },
    {
        "name": TDMU,
        "kind": "university",
        "sector": "higher education",
        "city": "Thủ Dầu Một, Bình Dương",
        "website": "https://tdmu.edu.vn",
        "description": (
            "Trường Đại học Thủ Dầu Một – đại học công lập của tỉnh Bình Dương, đào tạo kỹ thuật, "
            "công nghệ thực phẩm, môi trường và công nghệ thông tin; hợp tác với doanh nghiệp địa phương."
        ),
    },
    {
        "name": DOST,
        "kind": "government",
        "sector": "public administration",
        "city": "Thủ Dầu Một, Bình Dương",
        "description": (
            "Sở Khoa học và Công nghệ tỉnh Bình Dương. Coordinates the Smart City project and the "
            "triple-helix cooperation between government, universities and enterprises."
        ),
    },
    {
        "name": STAMPING,
        "kind": "enterprise",
        "sector": "mechanical engineering",
        "city": "Tân Uyên, Bình Dương",
        "description": (
            "Precision metal stamping and CNC machining supplier for Japanese and Korean automotive "
            "and appliance manufacturers; 12 press lines from 80 to 400 tons."
        ),
    },
    {
        "name": ELECTRONICS,
        "kind": "enterprise",
        "sector": "electronics",
        "city": "Bến Cát, Bình Dương",
        "description": (
            "Electronics manufacturing services in Mỹ Phước industrial park: SMT assembly of PCBs "
            "for consumer electronics and automotive customers, box build and functional testing."
        ),
    },
    {
        "name": FOOD,
        "kind": "enterprise",
        "sector": "food processing",
        "city": "Thuận An, Bình Dương",
        "description": (
            "Chế biến trái cây Lái Thiêu (măng cụt, sầu riêng, chôm chôm) đông lạnh và sấy; "
            "xuất khẩu sang Nhật Bản, Hàn Quốc và EU."
        ),
    },
    {
        "name": LOGISTICS,
        "kind": "enterprise",
        "sector": "logistics",
        "city": "Bàu Bàng, Bình Dương",
        "description": (
            "Bonded warehouses, container trucking and customs brokerage for manufacturers in the "
            "industrial parks of northern Binh Duong."
        ),
    },
    {
        "name": GARMENTS,
        "kind": "enterprise",
        "sector": "textiles & garments",
        "city": "Thuận An, Bình Dương",
        "description": "Garment maker with 1,800 workers; knitwear and sportswear for EU and US brands.",
    },
    {
        "name": FURNITURE,
        "kind": "enterprise",
        "sector": "furniture & wood",
        "city": "Tân Uyên, Bình Dương",
        "description": (
            "Sản xuất đồ gỗ nội thất xuất khẩu (bàn ghế, tủ bếp) từ gỗ rừng trồng có chứng chỉ FSC."
        ),
    },
]

# (email, organization, title, membership role, contact shown after an introduction). One person per
# membership role: organization admins (university@, lab.vgu@, the enterprise reps), a lab manager of one
# named lab (lab.eiu@, see LAB_MANAGERS), plain members (founder4@ and staff3@ at EIU). Platform staff who
# belong to an organization are never its contacts.
MEMBERSHIPS = [
    ("university@demo.test", EIU, "FabLab manager / Tech-transfer officer", "admin", True),
    ("lab.eiu@demo.test", EIU, "Kỹ thuật viên phòng Lab 4.0", "lab_manager", False),
    ("enterprise@demo.test", STAMPING, "Giám đốc kỹ thuật", "admin", True),
    ("staff@demo.test", BECAMEX, "Innovation programme officer", "admin", False),
    ("staff2@demo.test", BECAMEX, "Startup programme reviewer", "member", False),
    # staff3 teaches at EIU, where founder4's team was spun off: a conflict of interest on their startups.
    ("staff3@demo.test", EIU, "Adjunct lecturer, reviewer for Becamex", "member", False),
    ("founder4@demo.test", EIU, "Spin-off founder", "member", False),
    ("government@demo.test", DOST, "Chuyên viên Phòng Quản lý Công nghệ", "admin", True),
    ("admin@demo.test", BECAMEX, "Platform operator", "member", False),
    ("mentor@demo.test", BLOCK71, "Mentor", "member", True),
    ("mentor2@demo.test", BLOCK71, "Mentor", "member", True),
    ("lab.vgu@demo.test", VGU, "Lab manager, Faculty of Engineering", "admin", True),
    ("lab.tdmu@demo.test", TDMU, "Trưởng phòng thí nghiệm", "admin", True),
    ("electronics@demo.test", ELECTRONICS, "Process engineering manager", "admin", True),
    ("food@demo.test", FOOD, "Phó giám đốc sản xuất", "admin", True),
    ("logistics@demo.test", LOGISTICS, "Trưởng phòng vận hành", "admin", True),
    ("garments@demo.test", GARMENTS, "Sustainability & quality manager", "admin", True),
]

# (email, lab names): the labs a lab manager manages (none listed would mean every lab of the organization).
LAB_MANAGERS = [("lab.eiu@demo.test", ["EIU Lab 4.0"])]

LABS = [
    {
        "organization": EIU,
        "manager": "university@demo.test",
        "name": "EIU FabLab",
        "kind": "fablab",
        "description": (
            "Digital fabrication space for students, startups and SMEs: rapid prototyping of "
            "enclosures, jigs, fixtures and product mock-ups. Training sessions every Monday."
        ),
        # One item per line: each can be asked for in a booking, and the laser cutter needs training.
        "equipment": (
            "4 × FDM 3D printers (Ultimaker S5)\nResin 3D printer (Formlabs Form 3)\n"
            "CO2 laser cutter 100 W (1300 × 900 mm)\n3-axis CNC router (1200 × 2400 mm)\nVinyl cutter\n"
            "3D scanner\nElectronics workbench with soldering stations and oscilloscopes"
        ),
        "opening_hours": "Mon–Fri 08:00–17:00; Sat 08:00–12:00",
        "capacity": 20,
        "location": "EIU campus, Binh Duong New City",
    },
    {
        "organization": EIU,
        "manager": "university@demo.test",
        "name": "EIU TechLab",
        "kind": "techlab",
        "description": (
            "Electronics and embedded systems lab: IoT prototypes, sensor nodes, firmware and small "
            "PCB runs. Suited to hardware startups before their first pilot."
        ),
        "equipment": (
            "IoT kits (ESP32, STM32, Raspberry Pi, Arduino), LoRaWAN gateway, PCB milling machine, "
            "reflow oven, logic analysers, spectrum analyser, vibration sensors and data acquisition"
        ),
        "opening_hours": "Mon–Fri 08:00–17:00",
        "capacity": 16,
        "location": "EIU campus, Binh Duong New City",
    },
    {
        "organization": EIU,
        "manager": "university@demo.test",
        "name": "EIU Lab 4.0",
        "kind": "lab40",
        "description": (
            "Industry 4.0 learning factory: a connected mini production line for testing automation, "
            "machine vision, MES and digital twin ideas before they go to a real factory."
        ),
        "equipment": (
            "Siemens S7-1500 PLC trainers, modular production line with conveyors and pneumatic "
            "stations, 2 collaborative robot arms (6-axis), machine vision cameras, AGV, OPC UA / "
            "MQTT industrial IoT gateway, SCADA and MES software, digital twin workstations"
        ),
        "opening_hours": "Mon–Fri 08:00–17:00",
        "capacity": 24,
        "location": "EIU campus, Engineering Centre, Binh Duong New City",
    },
    {
        "organization": EIU,
        "manager": "university@demo.test",
        "name": "Production Experimental Workshop (16,000 m²)",
        "kind": "workshop",
        "description": (
            "16,000 m² production experimental workshop for production testing: pilot runs, process "
            "trials and scale-up of new products with industrial machines, for companies and startups."
        ),
        "equipment": (
            "5-axis CNC machining centres, CNC lathes, 200-ton stamping press, press brake, injection "
            "moulding machine, welding robots, pilot SMT line, coordinate measuring machine (CMM), "
            "overhead cranes"
        ),
        "opening_hours": "Mon–Sat 07:30–17:30 (night shifts on request)",
        "capacity": 60,
        "area_m2": 16000,
        "location": "Binh Duong New City",
    },
    {
        "organization": VGU,
        "manager": "lab.vgu@demo.test",
        "name": "VGU Materials & Mechanical Testing Lab",
        "kind": "testing",
        "description": (
            "Testing of metals, polymers and composites: tensile, fatigue, hardness, "
            "corrosion and vibration tests with test reports for customers."
        ),
        "equipment": (
            "Universal testing machine 100 kN, fatigue testing machine, Rockwell and Vickers hardness "
            "testers, salt spray chamber, climate chamber (-40 to +150 °C), electrodynamic vibration "
            "shaker, optical microscopes"
        ),
        "opening_hours": "Mon–Fri 08:00–16:30",
        "capacity": 8,
        "location": "VGU campus, Bến Cát, Bình Dương",
    },
    {
        "organization": VGU,
        "manager": "lab.vgu@demo.test",
        "name": "VGU Energy Systems Lab",
        "kind": "techlab",
        "description": (
            "Renewable energy and power electronics: rooftop solar, battery storage, inverters and "
            "energy monitoring for factories."
        ),
        "equipment": (
            "PV test bench with I-V curve tracer, battery cyclers, grid-tied inverter test rig, power "
            "quality analysers, smart meters, thermal camera"
        ),
        "opening_hours": "Mon–Fri 08:00–16:30",
        "capacity": 10,
        "location": "VGU campus, Bến Cát, Bình Dương",
    },
    {
        "organization": TDMU,
        "manager": "lab.tdmu@demo.test",
        "name": "Phòng thí nghiệm Công nghệ Thực phẩm TDMU",
        "kind": "testing",
        "description": (
            "Phân tích và thử nghiệm thực phẩm: thời hạn sử dụng, bảo quản lạnh, vi sinh, phát triển "
            "sản phẩm mới từ trái cây và nông sản Bình Dương."
        ),
        "equipment": (
            "Máy sấy phun, máy sấy thăng hoa, tủ cấy vi sinh, máy HPLC, máy đo cấu trúc (texture "
            "analyser), tủ lạnh đông sâu -80 °C, thiết bị thanh trùng quy mô pilot"
        ),
        "opening_hours": "Thứ 2–Thứ 6 07:30–16:30",
        "capacity": 12,
        "location": "Cơ sở chính TDMU, phường Phú Hòa, Thủ Dầu Một",
    },
    {
        "organization": TDMU,
        "manager": "lab.tdmu@demo.test",
        "name": "TDMU FabLab",
        "kind": "fablab",
        "description": (
            "Maker space for students and local craft businesses: furniture prototypes, packaging "
            "mock-ups and small electronics."
        ),
        "equipment": (
            "3 × FDM 3D printers, laser cutter 60 W, woodworking CNC router, Arduino kits, "
            "hand and power tools"
        ),
        "opening_hours": "Mon–Fri 07:30–17:00; Sat 08:00–11:30",
        "capacity": 15,
        "location": "TDMU campus, Thủ Dầu Một",
    },
]

CAPABILITIES = [
    {
        "organization": EIU,
        "owner": "university@demo.test",
        "title": "Predictive maintenance and vibration analysis",
        "description": (
            "Condition monitoring of presses, CNC spindles, motors and pumps: accelerometer data "
            "acquisition, FFT and envelope analysis, bearing fault detection and machine-learning "
            "models for remaining useful life. Pilots run first in Lab 4.0."
        ),
        "keywords": "predictive maintenance, vibration analysis, condition monitoring, machine learning",
    },
    {
        "organization": EIU,
        "owner": "university@demo.test",
        "title": "Computer vision for quality inspection",
        "description": (
            "Deep-learning defect detection on production lines: surface scratches, solder joints, "
            "dimensional checks with industrial cameras and edge AI devices; dataset labelling."
        ),
        "keywords": "computer vision, quality inspection, deep learning, defect detection, edge AI",
    },
    {
        "organization": EIU,
        "owner": "university@demo.test",
        "title": "Nhà máy thông minh: IoT và số hoá dây chuyền sản xuất",
        "description": (
            "Thiết kế hệ thống IoT thu thập dữ liệu máy (OEE, thời gian dừng máy), kết nối PLC qua "
            "OPC UA/MQTT, bảng điều khiển thời gian thực cho nhà máy vừa và nhỏ."
        ),
        "keywords": "IoT, nhà máy thông minh, OEE, PLC, OPC UA, MQTT, smart factory",
    },
    {
        "organization": EIU,
        "owner": "university@demo.test",
        "title": "Robotics and automation for SMEs",
        "description": (
            "Collaborative robot cells for pick-and-place, machine tending and packaging; "
            "simulation and cycle-time studies before investment."
        ),
        "keywords": "robotics, cobot, automation, machine tending",
    },
    {
        "organization": VGU,
        "owner": "lab.vgu@demo.test",
        "title": "Rooftop solar and energy efficiency for industrial parks",
        "description": (
            "Energy audits of factories, rooftop PV design, battery storage sizing and monitoring; "
            "compressed air and thermal process savings."
        ),
        "keywords": "renewable energy, solar PV, energy efficiency, battery storage",
    },
    {
        "organization": VGU,
        "owner": "lab.vgu@demo.test",
        "title": "Advanced materials and fatigue testing",
        "description": (
            "Characterisation of steels, aluminium alloys and composites; fatigue life of stamped and "
            "welded parts; corrosion testing and failure analysis."
        ),
        "keywords": "materials, fatigue, corrosion, failure analysis, metal stamping",
    },
    {
        "organization": VGU,
        "owner": "lab.vgu@demo.test",
        "title": "Logistics optimisation and supply chain analytics",
        "description": (
            "Vehicle routing, warehouse slotting, demand forecasting and container planning with "
            "operations research and data analytics."
        ),
        "keywords": "logistics, route optimisation, supply chain, warehouse, forecasting",
    },
    {
        "organization": TDMU,
        "owner": "lab.tdmu@demo.test",
        "title": "Công nghệ bảo quản sau thu hoạch và chuỗi lạnh",
        "description": (
            "Kéo dài thời hạn sử dụng trái cây tươi và thực phẩm đông lạnh: bao bì khí quyển điều "
            "chỉnh, kiểm soát nhiệt độ chuỗi lạnh, đánh giá chất lượng và an toàn thực phẩm."
        ),
        "keywords": "bảo quản lạnh, chuỗi lạnh, thực phẩm, cold chain, food technology",
    },
    {
        "organization": TDMU,
        "owner": "lab.tdmu@demo.test",
        "title": "Xử lý ngôn ngữ tự nhiên tiếng Việt (AI for Vietnamese NLP)",
        "description": (
            "Chatbot, phân loại văn bản, nhận dạng chữ (OCR) cho hồ sơ hành chính và chăm sóc khách "
            "hàng; mô hình ngôn ngữ cho tiếng Việt có và không dấu."
        ),
        "keywords": "AI, NLP, tiếng Việt, chatbot, OCR",
    },
    {
        "organization": TDMU,
        "owner": "lab.tdmu@demo.test",
        "title": "Xử lý nước thải công nghiệp và quan trắc môi trường",
        "description": (
            "Công nghệ xử lý nước thải giàu hữu cơ (chế biến thực phẩm, dệt nhuộm), quan trắc tự "
            "động chất lượng nước và khí thải bằng cảm biến IoT."
        ),
        "keywords": "nước thải, môi trường, wastewater, dệt nhuộm, IoT",
    },
]

MENTORS = [
    {
        "user": "mentor@demo.test",
        "headline": "Former plant manager in electronics manufacturing; lean and Industry 4.0 coach",
        "expertise": (
            "Lean manufacturing, OEE improvement, rolling out predictive maintenance and IoT on the "
            "shop floor, supplier audits for Japanese and Korean FDI customers, scaling production."
        ),
        "sectors": "electronics,mechanical engineering,industrial IoT",
        "languages": "vi,en",
        "capacity_per_month": 3,
    },
    {
        "user": "mentor2@demo.test",
        "headline": "Nhà đầu tư thiên thần, cựu giám đốc tài chính",
        "expertise": (
            "Gọi vốn, định giá startup, mô hình tài chính, chuẩn bị pitch deck và làm việc với quỹ "
            "đầu tư mạo hiểm trong nước và Singapore."
        ),
        "sectors": "AI & software,logistics,agritech",
        "languages": "vi,en",
        "capacity_per_month": 4,
    },
    {
        "user": "mentor3@demo.test",
        "headline": "Chuyên gia an toàn thực phẩm và xuất khẩu nông sản",
        "expertise": (
            "HACCP, ISO 22000, BRC; chuỗi lạnh và bảo quản trái cây; thủ tục xuất khẩu sang Nhật "
            "Bản và EU; truy xuất nguồn gốc."
        ),
        "sectors": "food processing,agritech",
        "languages": "vi",
        "capacity_per_month": 2,
    },
    {
        "user": "mentor4@demo.test",
        "headline": "AI engineer, computer vision and MLOps",
        "expertise": (
            "Computer vision for manufacturing quality inspection, deploying models on edge devices, "
            "data labelling pipelines, MLOps and cloud cost control."
        ),
        "sectors": "AI & software,electronics",
        "languages": "en,vi",
        "capacity_per_month": 2,
    },
    {
        "user": "mentor5@demo.test",
        "headline": "Supply chain director, 15 years with FDI manufacturers",
        "expertise": (
            "Logistics and supply chain, warehouse operations, customs and export, working with "
            "Japanese buyers; route planning for container trucks."
        ),
        "sectors": "logistics,textiles & garments,furniture & wood",
        "languages": "vi,en,ja",
        "capacity_per_month": 3,
    },
    {
        "user": "mentor6@demo.test",
        "headline": "Sustainability and ESG advisor for exporters",
        "expertise": (
            "Carbon footprint, EU green compliance (CBAM, due diligence), cleaner production, "
            "wastewater and energy savings in textile dyeing and furniture finishing."
        ),
        "sectors": "textiles & garments,furniture & wood,cleantech",
        "languages": "en,vi",
        "capacity_per_month": 2,
    },
]

STARTUPS = [
    {
        "owner": "founder@demo.test",
        "name": "VibraSense",
        "sector": "industrial IoT",
        "stage": "prototype",
        "team_size": 4,
        "description": (
            "Wireless vibration sensors and a cloud dashboard that warn factories days before a motor, "
            "pump or press bearing fails. Built for SMEs in Binh Duong's industrial parks."
        ),
        "needs": (
            "Field tests on real stamping presses and CNC machines, a vibration test bench, a mentor "
            "with manufacturing sales experience, a first pilot customer."
        ),
    },
    {
        "owner": "founder@demo.test",
        "name": "FreshTrace",
        "sector": "agritech",
        "stage": "idea",
        "team_size": 2,
        "description": (
            "Truy xuất nguồn gốc trái cây Lái Thiêu bằng mã QR và cảm biến nhiệt độ trong suốt chuỗi "
            "lạnh, từ vườn đến siêu thị."
        ),
        "needs": "Cần chuyên gia chuỗi lạnh, phòng thí nghiệm thực phẩm để thử thời hạn bảo quản.",
    },
    {
        "owner": "founder2@demo.test",
        "name": "InspectAI",
        "sector": "AI & software",
        "stage": "mvp",
        "team_size": 6,
        "description": (
            "Computer vision inspection for SMT lines: detects solder bridges, missing components and "
            "tombstoning from camera images, running on an edge device next to the line."
        ),
        "needs": (
            "Labelled defect images from a PCB assembler, access to a pilot SMT line, GPU time, "
            "introductions to electronics manufacturers."
        ),
    },
    {
        "owner": "founder2@demo.test",
        "name": "CoboCell",
        "sector": "robotics",
        "stage": "mvp",
        "team_size": 5,
        "description": (
            "Plug-and-play collaborative robot cells for machine tending and packaging, leased per "
            "month to small factories."
        ),
        "needs": "PLC integration testing, safety certification advice, Lab 4.0 time for demos.",
    },
    {
        "owner": "founder3@demo.test",
        "name": "Nhuom Xanh",
        "sector": "textiles & garments",
        "stage": "prototype",
        "team_size": 3,
        "description": (
            "cong nghe nhuom vai tiet kiem nuoc cho nha may det may, giam 40% nuoc thai va hoa chat, "
            "phu hop yeu cau xanh cua khach hang EU"
        ),
        "needs": (
            "can phong thi nghiem de thu do ben mau va nuoc thai, can nha may det may de chay thu, "
            "can mentor ve tieu chuan ESG"
        ),
    },
    {
        "owner": "founder3@demo.test",
        "name": "LogiMate",
        "sector": "logistics",
        "stage": "growth",
        "team_size": 12,
        "description": (
            "phan mem quan ly kho va toi uu tuyen giao hang cho doanh nghiep vua va nho o cac khu "
            "cong nghiep Binh Duong, ket noi voi cang Cat Lai"
        ),
        "needs": "mo rong khach hang doanh nghiep FDI, thuat toan toi uu tuyen xe container",
    },
    {
        "owner": "founder4@demo.test",
        "name": "Mộc Việt Design",
        "sector": "furniture & wood",
        "stage": "mvp",
        "team_size": 7,
        "description": (
            "Nội thất gỗ thiết kế theo yêu cầu: khách hàng cấu hình sản phẩm 3D trực tuyến, xưởng "
            "đối tác gia công bằng máy CNC tại Tân Uyên."
        ),
        "needs": "Máy CNC và laser để làm mẫu, đối tác nhà máy đồ gỗ xuất khẩu, tư vấn xuất khẩu.",
    },
    {
        "owner": "founder4@demo.test",
        "name": "SolarOps",
        "sector": "cleantech",
        "stage": "scale",
        "team_size": 25,
        "description": (
            "cong nghe IoT giam sat va bao tri dien mat troi ap mai cho nha xuong, canh bao tam pin "
            "ban va inverter loi"
        ),
        "needs": "Battery storage testing, partnerships with industrial park operators, Series A investors.",
    },
]


def criterion(key: str, weight: float, label_vi: str, guide_vi: str, label_en: str, guide_en: str) -> dict:
    """A rubric criterion in both languages: each guide lists what scores 1 to 5 mean, separated by "; "."""
    return {"key": key, "weight": weight, "label": {"vi": label_vi, "en": label_en},
            "guide": {"vi": guide_vi.split("; "), "en": guide_en.split("; ")}}  # fmt: skip


RUBRIC = [
    criterion(
        "team", 2.0, "Đội ngũ",
        "một người, bán thời gian; nhóm nhỏ, còn thiếu vị trí; đủ đội ngũ nòng cốt; "
        "đội ngũ giàu kinh nghiệm; nhà sáng lập đã thành công, am hiểu sâu lĩnh vực",
        "Team",
        "one person, part-time; small team, gaps; complete core team; "
        "experienced team; proven founders with domain depth",
    ),
    criterion(
        "market", 1.5, "Thị trường",
        "chưa xác định khách hàng; đã nêu tên khách hàng; đang trao đổi thí điểm; thí điểm có trả phí; "
        "doanh thu lặp lại",
        "Market",
        "no customer identified; customers named; pilots talking; paying pilot; repeat revenue",
    ),
    criterion(
        "innovation", 1.0, "Đổi mới sáng tạo",
        "sao chép sản phẩm có sẵn; khác biệt nhỏ; cải tiến rõ rệt; cách tiếp cận mới; đột phá",
        "Innovation",
        "copy of an existing product; small twist; clear improvement; new approach; breakthrough",
    ),
    criterion(
        "feasibility", 1.0, "Tính khả thi",
        "mới là ý tưởng; bản phác thảo; mẫu thử chạy được; đã thử nghiệm thực tế; đang sản xuất",
        "Feasibility",
        "idea only; sketch; working prototype; tested in the field; in production",
    ),
    criterion(
        "impact", 1.5, "Tác động đến Bình Dương",
        "không có; gián tiếp; một khu công nghiệp; nhiều khu công nghiệp hoặc cả một ngành; toàn tỉnh",
        "Impact on Binh Duong",
        "none; indirect; one industrial park; several parks or a whole sector; province-wide",
    ),
]  # fmt: skip
QUESTIONS = [
    {"vi": "Bạn giải quyết vấn đề nào của các ngành công nghiệp Bình Dương, và cho ai?",
     "en": "Which problem of Binh Duong's industries do you solve, and for whom?"},
    {"vi": "Bạn cần gì từ chương trình (phòng thí nghiệm, cố vấn, thí điểm, nhà đầu tư)?",
     "en": "What do you need from the programme (labs, mentors, pilots, investors)?"},
]  # fmt: skip

PROGRAMS = [
    {
        "organization": BLOCK71,
        "name": "Block71 Binh Duong Startup Cohort",
        "description": (
            "Chương trình ươm tạo sáu tháng cho startup công nghệ phục vụ các ngành công nghiệp chủ "
            "lực của Bình Dương: cố vấn, tín chỉ phòng thí nghiệm tại EIU, VGU, TDMU và kết nối doanh "
            "nghiệp."
        ),
        "description_en": (
            "Six-month incubation for technology startups serving Binh Duong's strategic industries: "
            "mentors, lab credits at EIU, VGU and TDMU, and introductions to enterprises."
        ),
        "opens_in_days": -20,
        "closes_in_days": 25,
        "seats": 12,
        "rubric": RUBRIC,
        "questions": QUESTIONS,
    },
    {
        "organization": BECAMEX,
        "name": "Becamex Smart Manufacturing Accelerator – Batch 1",
        "description": (
            "Chương trình tăng tốc cho startup công nghiệp 4.0, thử nghiệm tại các khu công nghiệp; "
            "đã đóng nhận hồ sơ."
        ),
        "description_en": (
            "Accelerator for Industry 4.0 startups with pilots in the industrial parks; applications "
            "are closed."
        ),
        "opens_in_days": -200,
        "closes_in_days": -140,
        "seats": 2,
        "rubric": RUBRIC,
        "questions": QUESTIONS,
    },
    {
        "organization": BECAMEX,
        "name": "Lab 4.0 Hardware Pre-incubation",
        "description": (
            "Tiền ươm tạo cho nhóm phần cứng: làm mẫu tại FabLab, TechLab, Lab 4.0 và thử nghiệm sản "
            "xuất tại xưởng thực nghiệm 16.000 m²."
        ),
        "description_en": (
            "Pre-incubation for hardware teams: prototyping in the FabLab, TechLab and Lab 4.0 and "
            "production tests in the 16,000 m² experimental workshop."
        ),
        "opens_in_days": 30,
        "closes_in_days": 75,
        "seats": 10,
        "rubric": [
            criterion(
                "team", 1.0, "Đội ngũ", "yếu; mỏng; khá; tốt; mạnh", "Team", "weak; thin; fair; good; strong"
            ),
            criterion(
                "market",
                1.0,
                "Thị trường",
                "không có; nhỏ; vừa; lớn; rất lớn",
                "Market",
                "none; small; fair; large; very large",
            ),
            criterion(
                "innovation",
                1.5,
                "Đổi mới kỹ thuật",
                "không có; nhỏ; rõ rệt; mới; đột phá",
                "Technical innovation",
                "none; small; clear; new; breakthrough",
            ),
            criterion(
                "feasibility",
                1.5,
                "Khả năng sản xuất",
                "ý tưởng; phác thảo; mẫu thử; chạy thử sản xuất; sản xuất hàng loạt",
                "Manufacturability",
                "idea; sketch; prototype; pilot run; mass",
            ),
            criterion(
                "impact",
                1.0,
                "Tác động",
                "không có; gián tiếp; địa phương; cả ngành; toàn tỉnh",
                "Impact",
                "none; indirect; local; sector; province",
            ),
        ],
        "questions": QUESTIONS,
    },
]

OPEN_PROGRAM = "Block71 Binh Duong Startup Cohort"
CLOSED_PROGRAM = "Becamex Smart Manufacturing Accelerator – Batch 1"

# Applications in every state. "path" is the statuses an application went through, in order; the
# seeder writes one audit row per step, so every application page shows its history.
APPLICATIONS = [
    {
        "program": OPEN_PROGRAM,
        "startup": "VibraSense",
        "submitted_by": "founder@demo.test",
        "path": ["draft", "submitted"],
        "pitch": "Predictive maintenance that an SME can afford: €30 per sensor, set up in one hour.",
        "answers": [
            "Unplanned stops of stamping presses in Tân Uyên and VSIP suppliers.",
            "A pilot line at an enterprise in the park, and the VGU TechLab for vibration tests.",
        ],
    },
    {
        "program": OPEN_PROGRAM,
        "startup": "InspectAI",
        "submitted_by": "founder2@demo.test",
        "path": ["draft", "submitted", "under_review"],
        "pitch": (
            "Our model catches 96% of solder defects on our pilot line; we need a Binh Duong EMS "
            "partner to reach production quality."
        ),
        "answers": ["False AOI alarms at EMS companies in Mỹ Phước.", "A second pilot site and mentors."],
    },
    {
        "program": OPEN_PROGRAM,
        "startup": "LogiMate",
        "submitted_by": "founder3@demo.test",
        "path": ["draft"],
        "pitch": "40 khach hang, doanh thu tang 3 lan trong nam; can ho tro mo rong sang doanh nghiep FDI.",
        "answers": ["Xe container chay rong ve tu cang Cat Lai.", ""],
    },
    {
        "program": OPEN_PROGRAM,
        "startup": "Nhuom Xanh",
        "submitted_by": "founder3@demo.test",
        "path": ["draft", "submitted", "under_review"],
        "pitch": "Nhuộm vải tiết kiệm nước – giảm 40% nước thải, đã thử ở quy mô phòng thí nghiệm.",
        "answers": [
            "Nước thải nhuộm của các nhà máy dệt may ở Thuận An và Dĩ An.",
            "Phòng thí nghiệm vật liệu của TDMU và một nhà máy thử nghiệm.",
        ],
    },
    {
        "program": OPEN_PROGRAM,
        "startup": "Mộc Việt Design",
        "submitted_by": "founder4@demo.test",
        "path": ["draft", "submitted", "withdrawn"],
        "pitch": "Thiết kế nội thất gỗ rừng trồng theo mô-đun cho thị trường xuất khẩu.",
        "answers": ["Doanh nghiệp gỗ Tân Uyên cần thiết kế riêng.", "Cố vấn xuất khẩu."],
    },
    {
        "program": CLOSED_PROGRAM,
        "startup": "CoboCell",
        "submitted_by": "founder2@demo.test",
        "path": ["draft", "submitted", "under_review", "accepted"],
        "pitch": "Collaborative robot cells that a garment or furniture SME can redeploy in a day.",
        "answers": ["Manual palletising in furniture factories.", "A pilot at the experimental workshop."],
        "decision_message": (
            "Congratulations! CoboCell joins Batch 1; the pilot at the experimental workshop starts next "
            "month."
        ),
    },
    {
        "program": CLOSED_PROGRAM,
        "startup": "SolarOps",
        "submitted_by": "founder4@demo.test",
        "path": ["draft", "submitted", "under_review", "waitlisted"],
        "pitch": "Rooftop solar operations and monitoring for factories in the industrial parks.",
        "answers": ["Energy bills of factories in Bàu Bàng.", "Introductions to park operators."],
        "decision_message": "Bạn nằm trong danh sách chờ; chúng tôi sẽ báo ngay khi có suất trống.",
    },
    {
        "program": CLOSED_PROGRAM,
        "startup": "FreshTrace",
        "submitted_by": "founder@demo.test",
        "path": ["draft", "submitted", "under_review", "rejected"],
        "pitch": "Cold-chain traceability for fresh fruit from Lái Thiêu orchards to export.",
        "answers": ["Spoiled mangosteen shipments.", "A logistics partner."],
        "decision_message": (
            "Cảm ơn FreshTrace. Hồ sơ chưa phù hợp với đợt này vì chưa có khách hàng thử nghiệm; hãy "
            "nộp lại cho Block71."
        ),
    },
]

# (program, startup, reviewer): who was asked to score what.
ASSIGNMENTS = [
    (OPEN_PROGRAM, "InspectAI", "staff@demo.test"),
    (OPEN_PROGRAM, "InspectAI", "staff2@demo.test"),
    (OPEN_PROGRAM, "Nhuom Xanh", "staff@demo.test"),
    (OPEN_PROGRAM, "Nhuom Xanh", "staff3@demo.test"),
    (CLOSED_PROGRAM, "CoboCell", "staff@demo.test"),
    (CLOSED_PROGRAM, "CoboCell", "staff2@demo.test"),
    (CLOSED_PROGRAM, "SolarOps", "staff@demo.test"),
    (CLOSED_PROGRAM, "SolarOps", "staff2@demo.test"),
    (CLOSED_PROGRAM, "FreshTrace", "staff@demo.test"),
    (CLOSED_PROGRAM, "FreshTrace", "staff2@demo.test"),
]

# (reviewer, startup, reason): declared conflicts of interest.
CONFLICTS = [
    ("staff2@demo.test", "VibraSense", "Tôi từng tư vấn kỹ thuật cho VibraSense năm ngoái."),
]


def review(program: str, startup: str, reviewer: str, scores: tuple, recommendation: str,
           comment: str, submitted: bool = True) -> dict:  # fmt: skip
    """One reviewer's scores for team, market, innovation, feasibility and impact."""
    keys = ("team", "market", "innovation", "feasibility", "impact")
    scores = dict(zip(keys, scores, strict=True))
    return {"program": program, "startup": startup, "reviewer": reviewer, "scores": scores,
            "recommendation": recommendation, "comment": comment, "submitted": submitted}  # fmt: skip


REVIEWS = [
    review(
        OPEN_PROGRAM,
        "InspectAI",
        "staff@demo.test",
        (4, 4, 5, 3, 4),
        "accept",
        (
            "Strong technical team and a clear need among EMS companies in the province. Accuracy "
            "claims come from one pilot line; ask for a second site before acceptance."
        ),
    ),
    review(
        OPEN_PROGRAM,
        "InspectAI",
        "staff2@demo.test",
        (3, 4, 4, 3, 3),
        "waitlist",
        "Bản nháp: cần xem thêm dữ liệu thử nghiệm.",
        submitted=False,
    ),
    review(
        OPEN_PROGRAM,
        "Nhuom Xanh",
        "staff@demo.test",
        (4, 3, 4, 3, 5),
        "accept",
        "Tác động môi trường lớn cho ngành dệt nhuộm Bình Dương; cần đối tác nhà máy.",
    ),
    review(
        OPEN_PROGRAM,
        "Nhuom Xanh",
        "staff3@demo.test",
        (3, 3, 4, 2, 4),
        "waitlist",
        "Promising chemistry, but still lab scale; a pilot plant is needed.",
    ),
    review(
        CLOSED_PROGRAM,
        "CoboCell",
        "staff@demo.test",
        (4, 4, 5, 4, 4),
        "accept",
        "Clear demand from furniture and garment SMEs.",
    ),
    review(
        CLOSED_PROGRAM,
        "CoboCell",
        "staff2@demo.test",
        (5, 4, 4, 4, 5),
        "accept",
        "Đội ngũ mạnh, sản phẩm đã chạy thử.",
    ),
    review(
        CLOSED_PROGRAM,
        "SolarOps",
        "staff@demo.test",
        (3, 4, 3, 3, 4),
        "waitlist",
        "Good market, crowded field.",
    ),
    review(
        CLOSED_PROGRAM,
        "SolarOps",
        "staff2@demo.test",
        (4, 3, 3, 4, 3),
        "waitlist",
        "Cần thêm khách hàng trong khu công nghiệp.",
    ),
    review(
        CLOSED_PROGRAM, "FreshTrace", "staff@demo.test", (2, 3, 2, 2, 3), "reject", "No pilot customer yet."
    ),
    review(
        CLOSED_PROGRAM,
        "FreshTrace",
        "staff2@demo.test",
        (3, 2, 2, 3, 2),
        "reject",
        "Ý tưởng tốt nhưng còn sớm.",
    ),
]

CHALLENGES = [
    {
        "organization": STAMPING,
        "author": "enterprise@demo.test",
        "title": "Predictive maintenance for our stamping line",
        "sector": "mechanical engineering",
        "deadline_in_days": 60,
        "description": (
            "Công ty Cơ khí Chính xác Tân Uyên is a precision stamping supplier in Tân Uyên, Binh "
            "Duong, serving Japanese and Korean customers since 2009. Our 12 mechanical and servo "
            "presses (80–400 tons) lose about 6% of planned time to unplanned stops, mostly bearing, "
            "clutch and lubrication failures. We want vibration sensors and analytics that predict "
            "failures at least one week ahead. PLC signals (stroke counter, tonnage) are available."
        ),
    },
    {
        "organization": STAMPING,
        "author": "enterprise@demo.test",
        "title": "Tự động kiểm tra kích thước chi tiết dập bằng camera",
        "sector": "mechanical engineering",
        "deadline_in_days": 90,
        "description": (
            "Hiện nay công nhân đo kích thước chi tiết dập bằng thước kẹp, mất nhiều thời gian và dễ "
            "sai sót. Chúng tôi cần giải pháp thị giác máy tính đo lỗ, biên dạng và phát hiện bavia "
            "ngay trên dây chuyền, độ chính xác ±0,05 mm."
        ),
    },
    {
        "organization": STAMPING,
        "author": "enterprise@demo.test",
        "title": "Làm nhanh đồ gá kiểm tra bằng máy in 3D và máy cắt laser",
        "sector": "mechanical engineering",
        "deadline_in_days": 45,
        "description": (
            "Mỗi mã chi tiết dập mới cần một đồ gá kiểm tra; gia công đồ gá bằng thép mất ba tuần. "
            "Chúng tôi muốn làm mẫu nhanh đồ gá bằng máy in 3D và tấm mica cắt laser để thử trên "
            "dây chuyền trước khi đặt gia công."
        ),
    },
    {
        "organization": ELECTRONICS,
        "author": "electronics@demo.test",
        "title": "Track machine downtime and OEE across our SMT lines",
        "sector": "electronics",
        "deadline_in_days": 75,
        "description": (
            "We run six SMT lines and two moulding machines but count stops on paper. We want the "
            "machines' PLC signals collected over OPC UA or MQTT, downtime reasons logged, and OEE on "
            "a real-time dashboard for each shift."
        ),
    },
    {
        "organization": ELECTRONICS,
        "author": "electronics@demo.test",
        "title": "Computer vision inspection of PCB solder joints",
        "sector": "electronics",
        "deadline_in_days": 45,
        "description": (
            "Our company is located in Mỹ Phước industrial park, Binh Duong, and assembles PCBs for "
            "consumer electronics and automotive customers on 8 SMT lines. Our AOI machines raise "
            "too many false alarms on solder joints, so operators re-check every board by hand. We "
            "look for a deep-learning model that reviews AOI images and cuts false calls by half."
        ),
    },
    {
        "organization": ELECTRONICS,
        "author": "electronics@demo.test",
        "title": "Cut the energy use of reflow ovens and compressed air",
        "sector": "electronics",
        "deadline_in_days": -10,
        "status": "closed",
        "description": (
            "Reflow ovens and compressors are 45% of our electricity bill. We want monitoring, leak "
            "detection and a rooftop solar study for our 20,000 m² factory roof."
        ),
    },
    {
        "organization": FOOD,
        "author": "food@demo.test",
        "title": "Bảo quản lạnh cho chuỗi cung ứng thực phẩm",
        "sector": "food processing",
        "deadline_in_days": 75,
        "description": (
            "Công ty CP Thực phẩm Xanh Lái Thiêu chế biến và xuất khẩu trái cây đông lạnh. Chúng tôi "
            "cần giải pháp giám sát nhiệt độ trong kho lạnh và xe lạnh theo thời gian thực, cảnh báo "
            "khi vượt ngưỡng, và công nghệ kéo dài thời hạn bảo quản măng cụt tươi lên 30 ngày."
        ),
    },
    {
        "organization": FOOD,
        "author": "food@demo.test",
        "title": "Xu ly nuoc thai nha may che bien trai cay",
        "sector": "food processing",
        "deadline_in_days": 120,
        "description": (
            "nha may cua chung toi o Thuan An thai ra 300 m3 nuoc thai moi ngay, BOD cao vao mua trai "
            "cay. can cong nghe xu ly nuoc thai tiet kiem dien va he thong quan trac tu dong"
        ),
    },
    {
        "organization": LOGISTICS,
        "author": "logistics@demo.test",
        "title": "Route optimisation for container trucks to Cat Lai port",
        "sector": "logistics",
        "deadline_in_days": 50,
        "description": (
            "Our company operates bonded warehouses in Bau Bang and VSIP II industrial parks, Binh "
            "Duong, with a fleet of 120 container trucks. Empty return trips and waiting time at Cat "
            "Lai port cost us heavily. We want route and dispatch optimisation using GPS data, "
            "traffic and port slot information."
        ),
    },
    {
        "organization": GARMENTS,
        "author": "garments@demo.test",
        "title": "Fabric defect detection and carbon footprint per order",
        "sector": "textiles & garments",
        "deadline_in_days": 80,
        "description": (
            "Công ty TNHH May mặc Thuận An was founded in 2005 in Binh Duong and exports to the EU "
            "and US. Two needs: automatic detection of fabric defects before cutting, and a tool that "
            "computes the carbon footprint (energy, dyeing, transport) of each export order, as EU "
            "buyers now require."
        ),
    },
]

NOTIFICATIONS = [
    {
        "user": "founder@demo.test",
        "kind": "welcome",
        "message": (
            "Chào mừng bạn đến với nền tảng kết nối đổi mới sáng tạo Bình Dương! Hãy hoàn thiện "
            "hồ sơ startup và tìm phòng lab phù hợp."
        ),
        "link": "/",
    },
    {
        "user": "founder@demo.test",
        "kind": "program_open",
        "message": "Block71 Binh Duong Startup Cohort is open for applications.",
        "link": "",
    },
    {
        "user": "founder@demo.test",
        "kind": "decision_made",
        "message": (
            "Becamex Smart Manufacturing Accelerator – Batch 1: kết quả xét hồ sơ của FreshTrace: bị từ "
            "chối.\n\nCảm ơn FreshTrace. Hồ sơ chưa phù hợp với đợt này vì chưa có khách hàng thử nghiệm; "
            "hãy nộp lại cho Block71."
        ),
        "link": "",
        # Read in the reader's language (incubator.notifications.messages); the text above is its fallback.
        "message_id": "%(program)s: the application of %(startup)s was %(decision)s.",
        "params": {
            "program": "Becamex Smart Manufacturing Accelerator – Batch 1",
            "startup": "FreshTrace",
            "decision": {"label": "application_status", "code": "rejected"},
            "_note": "Cảm ơn FreshTrace. Hồ sơ chưa phù hợp với đợt này vì chưa có khách hàng thử nghiệm; "
            "hãy nộp lại cho Block71.",
        },
    },
]

# Booking rules: opening hours per lab (weekday 0 = Monday), local time.
WEEKDAYS_8_TO_17 = [(day, "08:00", "17:00") for day in range(5)]
LAB_HOURS = {
    "EIU FabLab": [*WEEKDAYS_8_TO_17, (5, "08:00", "12:00")],
    "EIU TechLab": WEEKDAYS_8_TO_17,
    "EIU Lab 4.0": WEEKDAYS_8_TO_17,
    "TDMU FabLab": [(day, "07:30", "16:30") for day in range(6)],
}
EIU_LASER = "CO2 laser cutter 100 W (1300 × 900 mm)"
LAB_RULES = {
    "EIU FabLab": {"approval_required": True, "training_equipment": EIU_LASER},
    "TDMU FabLab": {"approval_required": False},
}
# Machines booked one person at a time (lab, name, needs training, description); the rest is seats.
# The laser cutter keeps the equipment's name, so the trained founder below stays trained on it.
LAB_MACHINES = [
    ("EIU FabLab", EIU_LASER, True, "Cắt và khắc mica, gỗ, vải; tối đa 10 mm mica."),
    ("EIU FabLab", "Ultimaker S5 3D printer", False, "FDM, PLA/PETG/ABS, 330 × 240 × 300 mm."),
    ("EIU FabLab", "Formlabs Form 3 resin printer", False, "SLA, chi tiết nhỏ độ chính xác cao."),
    ("EIU FabLab", "3-axis CNC router (1200 × 2400 mm)", True, "Gỗ, MDF, nhôm tấm mỏng."),
    ("EIU TechLab", "PCB milling machine", True, "Mạch in 2 lớp, mẫu nhanh trong ngày."),
    ("EIU TechLab", "Reflow oven", False, "Hàn linh kiện dán SMD cho lô mẫu nhỏ."),
    ("EIU TechLab", "Spectrum analyser", False, "9 kHz – 3 GHz, kiểm tra LoRa / Wi-Fi."),
    ("EIU Lab 4.0", "Collaborative robot arm (6-axis)", True, "Cobot tải 5 kg cho thử nghiệm gắp-đặt."),
    ("EIU Lab 4.0", "Machine vision station", False, "Camera công nghiệp và đèn chiếu cho kiểm tra lỗi."),
    ("EIU Lab 4.0", "Modular production line", True, "Băng tải, trạm khí nén, PLC S7-1500."),
]
# First day of Tết Nguyên Đán (Vietnamese lunar new year); the next one closes the lab for three days.
TET_DAYS = (date(2027, 2, 6), date(2028, 1, 26), date(2029, 2, 13))
LAB_CLOSED_FOR_TET = ("EIU FabLab",)
# (lab, user's e-mail, equipment) a manager marked trained; founder2 asks for the laser cutter below.
LAB_TRAININGS = [("EIU FabLab", "founder2@demo.test", EIU_LASER)]

# Bookings on the weekday `in_days` after seeding (moved past weekends), local hours.
BOOKINGS = [
    {
        "lab": "EIU FabLab",
        "requester": "founder@demo.test",
        "in_days": 2,
        "hours": (9, 12),
        "people": 4,  # seats of the lab (no machine)
        "status": "approved",
        "purpose": "In 3D vỏ hộp cảm biến rung VibraSense (lô mẫu 20 chiếc)",
    },
    {
        "lab": "EIU FabLab",
        "requester": "founder2@demo.test",
        "in_days": 3,
        "hours": (13, 16),
        "status": "requested",
        "purpose": "Laser cutting acrylic fixtures for the InspectAI camera rig",
        "machine": EIU_LASER,
        "people": 2,
    },
    {
        "lab": "EIU TechLab",
        "requester": "founder@demo.test",
        "in_days": 4,
        "hours": (8, 11),
        "status": "requested",
        "purpose": "Hàn và kiểm tra bo mạch cảm biến FreshTrace",
    },
    {
        "lab": "TDMU FabLab",
        "requester": "founder3@demo.test",
        "in_days": 5,
        "hours": (9, 11),
        "status": "approved",
        "purpose": "Làm mẫu bao bì thân thiện môi trường cho Nhuom Xanh",
    },
]

MENTORSHIPS = [
    {
        "mentor": "mentor@demo.test",
        "startup": "VibraSense",
        "status": "active",
        "message": "We are preparing the pilot at a stamping line and need help with the sales pitch.",
        "sessions": [
            (-14, 60, "Reviewed the pilot plan and the pricing page.", "Team strong on tech, weak on sales."),
            (-7, 45, "Practised the pitch for Becamex; next: a customer interview guide.", ""),
        ],
        # (days from today, local hour, minutes, place or link, note, status, who proposed)
        "meetings": [
            (-1, 9, 60, "https://meet.example/vibrasense", "Customer interview guide", "accepted", "founder"),
            (3, 10, 45, "BLOCK71 Saigon, tầng 3", "Bring the pilot figures", "accepted", "mentor"),
            (10, 14, 60, "https://meet.example/vibrasense", "", "proposed", "mentor"),
        ],
    },
    {
        "mentor": "mentor2@demo.test",
        "startup": "FreshTrace",
        "status": "requested",
        "message": "Chúng tôi cần lời khuyên về truy xuất nguồn gốc thực phẩm và chứng nhận.",
        "sessions": [],
    },
]

# What a demo user shares with the other side of their accepted mentorships (the others: their e-mail).
CONTACT_CARDS = {
    "mentor@demo.test": {"phone": "0909 123 456", "zalo": "0909123456"},
}

# Details a challenge or capability gained with the partnership workflow, by title.
CHALLENGE_DETAILS = {
    "Predictive maintenance for our stamping line": {
        "desired_outcome": "A pilot on two presses that warns of bearing and clutch failures a week ahead.",
        "budget_range": "500m_2b",
        "confidential_details": (
            "Press P-07 (Aida 300 t) lost 41 hours in Q3; our Japanese customer audits uptime in March."
        ),
    },
    "Computer vision inspection of PCB solder joints": {
        "desired_outcome": "Automatic optical inspection with under 1% false rejects on two SMT lines.",
        "budget_range": "over_2b",
        "confidential_details": "Current escape rate 350 ppm on the Samsung order; target 50 ppm by Q2.",
    },
    "Bảo quản lạnh cho chuỗi cung ứng thực phẩm": {
        "desired_outcome": "Giảm 30% hao hụt trái cây trong chuỗi lạnh từ nhà máy đến siêu thị.",
        "budget_range": "100m_500m",
        "confidential_details": "Hao hụt hiện tại 18% với đơn hàng xuất khẩu sang Hàn Quốc.",
    },
    "Xu ly nuoc thai nha may che bien trai cay": {
        "desired_outcome": "He thong xu ly dat QCVN 40:2011 cot A, chi phi van hanh thap.",
        "budget_range": "500m_2b",
        "confidential_details": "Nha may bi nhac nho ve COD vuot chuan trong dot kiem tra thang 9.",
    },
}
CAPABILITY_DETAILS = {
    "Predictive maintenance and vibration analysis": {
        "team": "3 lecturers in mechatronics, 2 research engineers, 6 master's students",
        "trl": 6,
        "labs": ["EIU Lab 4.0", "EIU TechLab"],
    },
    "Computer vision for quality inspection": {
        "team": "AI & vision group: 2 PhDs, 4 engineers",
        "trl": 7,
        "labs": ["EIU Lab 4.0"],
    },
    "Công nghệ bảo quản sau thu hoạch và chuỗi lạnh": {
        "team": "Nhóm Công nghệ Thực phẩm: 4 giảng viên, 8 sinh viên nghiên cứu",
        "trl": 5,
        "labs": ["Phòng thí nghiệm Công nghệ Thực phẩm TDMU"],
    },
    "Logistics optimisation and supply chain analytics": {"team": "Operations research group", "trl": 4},
}

CAP_VISION = "Computer vision for quality inspection"
CAP_SMART_FACTORY = "Nhà máy thông minh: IoT và số hoá dây chuyền sản xuất"

# Challenges whose best partner writes in the other language: after a run over the demo data each
# partner is among its challenge's suggestions, with the bridge in its reasons (tests/matching).
CROSS_LANGUAGE_PARTNERS = [
    ("Tự động kiểm tra kích thước chi tiết dập bằng camera", ("capability", CAP_VISION)),
    ("Làm nhanh đồ gá kiểm tra bằng máy in 3D và máy cắt laser", ("lab", "EIU FabLab")),
    ("Track machine downtime and OEE across our SMT lines", ("capability", CAP_SMART_FACTORY)),
]

# Suggestions staff decided, and where each introduction stands: the dashboard, the funnel and the
# network picture have content from the first `make run`. Days are counted back from the seeding day.
DEMO_STAFF = "staff@demo.test"
INTRODUCTIONS = [
    {
        "source": ("challenge", "Predictive maintenance for our stamping line"),
        "target": ("capability", "Predictive maintenance and vibration analysis"),
        "terms": ["predictive maintenance", "vibration", "bearing"], "score": 0.62,
        "suggested_days_ago": 75, "answers": ("accepted", "accepted"), "partnership": "active",
        "partnership_after_days": 9,
        "note": "EIU đã thí điểm bảo trì dự đoán trong Lab 4.0; đề nghị hai bên gặp nhau tại xưởng.",
        "outcomes": [
            ("mou", 55, "MoU ký tại WTC Bình Dương"),
            ("pilot", 30, "Thí điểm trên 2 máy dập 300 tấn"),
        ],
    },
    {
        "source": ("challenge", "Computer vision inspection of PCB solder joints"),
        "target": ("capability", "Computer vision for quality inspection"),
        "terms": ["computer vision", "solder joints", "inspection"], "score": 0.58,
        "suggested_days_ago": 120, "answers": ("accepted", "accepted"), "partnership": "completed",
        "partnership_after_days": 14,
        "note": "Strong fit on AOI for SMT lines.",
        "outcomes": [
            ("joint_project", 95, "Joint AOI project, 6 months"),
            ("contract", 20, "Deployment contract"),
        ],
    },
    {
        "source": ("challenge", "Bảo quản lạnh cho chuỗi cung ứng thực phẩm"),
        "target": ("capability", "Công nghệ bảo quản sau thu hoạch và chuỗi lạnh"),
        "terms": ["bảo quản", "chuỗi lạnh", "thực phẩm"], "score": 0.55,
        "suggested_days_ago": 30, "answers": ("accepted", "accepted"), "partnership": "proposed",
        "partnership_after_days": 21, "note": "Cùng lĩnh vực chuỗi lạnh.", "outcomes": [],
    },
    {
        "source": ("challenge", "Fabric defect detection and carbon footprint per order"),
        "target": ("capability", "Advanced materials and fatigue testing"),
        "terms": ["fabric", "testing"], "score": 0.31,
        "suggested_days_ago": 100, "answers": ("accepted", "accepted"), "partnership": "ended",
        "partnership_after_days": 30, "note": "", "outcomes": [],
    },
    {
        "source": ("startup", "VibraSense"),
        "target": ("lab", "EIU Lab 4.0"),
        "terms": ["vibration", "sensors", "industry 4.0"], "score": 0.49,
        "suggested_days_ago": 40, "answers": ("accepted", "accepted"), "partnership": "active",
        "partnership_after_days": 6, "note": "Lab 4.0 can host the VibraSense test bench.",
        "outcomes": [("pilot", 15, "Test bench installed in Lab 4.0")],
    },
    {
        "source": ("challenge", "Xu ly nuoc thai nha may che bien trai cay"),
        "target": ("capability", "Xử lý nước thải công nghiệp và quan trắc môi trường"),
        "terms": ["xử lý nước thải", "nhà máy"], "score": 0.52,
        "suggested_days_ago": 12, "answers": ("accepted", "pending"),
        "note": "Đề nghị TDMU khảo sát nhà máy.",
    },
    {
        "source": ("challenge", "Route optimisation for container trucks to Cat Lai port"),
        "target": ("capability", "Logistics optimisation and supply chain analytics"),
        "terms": ["route optimisation", "logistics"], "score": 0.47,
        "suggested_days_ago": 9, "answers": ("pending", "pending"), "note": "",
    },
    {
        "source": ("challenge", "Cut the energy use of reflow ovens and compressed air"),
        "target": ("capability", "Rooftop solar and energy efficiency for industrial parks"),
        "terms": ["energy", "compressed air"], "score": 0.44,
        "suggested_days_ago": 20, "answers": ("pending", "declined"),
        "reasons": ("", "No capacity in our energy lab until next semester."), "note": "",
    },
]  # fmt: skip
REJECTED_SUGGESTIONS = [
    {
        "source": ("challenge", "Tự động kiểm tra kích thước chi tiết dập bằng camera"),
        "target": ("capability", "Xử lý ngôn ngữ tự nhiên tiếng Việt (AI for Vietnamese NLP)"),
        "terms": ["tiếng việt"], "score": 0.12, "reason": "not_relevant", "suggested_days_ago": 25,
    },
    {
        "source": ("challenge", "Route optimisation for container trucks to Cat Lai port"),
        "target": ("capability", "Robotics and automation for SMEs"),
        "terms": ["automation"], "score": 0.15, "reason": "too_early", "suggested_days_ago": 9,
    },
    {
        "source": ("startup", "SolarOps"),
        "target": ("lab", "VGU Energy Systems Lab"),
        "terms": ["solar", "energy"], "score": 0.41, "reason": "conflict_of_interest",
        "suggested_days_ago": 18,
    },
]  # fmt: skip
