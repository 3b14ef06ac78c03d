"""Small bilingual corpus shared by the matchcore tests (no app fixture)."""

import pytest

from incubator.matchcore import Document, Matcher

BOILERPLATE = "Công ty chúng tôi đặt tại khu công nghiệp ở Bình Dương. "

TARGETS = [
    Document("lab-food", "lab", BOILERPLATE + "Phòng thí nghiệm công nghệ thực phẩm, kiểm nghiệm vi sinh."),
    Document("lab-cnc", "lab", BOILERPLATE + "Cơ khí chính xác, gia công CNC, khuôn mẫu."),
    Document("lab-ai", "lab", "Machine learning lab: computer vision and natural language processing."),
    Document("mentor-food", "mentor", "Mentor in food safety, HACCP audits and microbiology testing."),
    Document("mentor-wood", "mentor", BOILERPLATE + "Chế biến gỗ xuất khẩu, sơn phủ đồ gỗ nội thất."),
    Document("lab-water", "lab", BOILERPLATE + "Xử lý nước thải công nghiệp, quan trắc môi trường."),
    Document("lab-iot", "lab", "IoT sensors and embedded systems for smart factories.", ("iot",)),
]


@pytest.fixture(scope="session")
def matcher() -> Matcher:
    """A matcher fitted on the small bilingual corpus."""
    return Matcher().fit(TARGETS)
