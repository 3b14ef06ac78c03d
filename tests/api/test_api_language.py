"""The API speaks the reader's language where people read it: problem details' title and detail, and the
reference page (Vietnamese by default and for `vi`, English for `en`, or the language picked on the site)."""

from __future__ import annotations

import pytest

from tests.conftest import submit


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("vi", {404: "Không tìm thấy", 401: "Chưa xác thực", 422: "Dữ liệu không xử lý được"}),
        (None, {404: "Không tìm thấy", 401: "Chưa xác thực", 422: "Dữ liệu không xử lý được"}),
        ("en", {404: "Not Found", 401: "Unauthorized", 422: "Unprocessable Entity"}),
    ],
)
def test_problem_details_follow_the_requests_language(client, db, language, expected):
    headers = {"Accept-Language": language} if language else {}
    if language is None:
        client.environ_base.pop("HTTP_ACCEPT_LANGUAGE")  # no header: the site's default, Vietnamese
    paths = {404: "/api/v1/nothing-here", 401: "/api/v1/own/token", 422: "/api/v1/labs?page=0"}
    details = {}
    for status, path in paths.items():
        response = client.get(path, headers=headers)
        assert response.status_code == status and response.json["title"] == expected[status]
        assert "Accept-Language" in response.headers["Vary"]
        details[status] = response.json["detail"]
    if language == "en":
        assert details[401] == "A valid API token is required (Authorization: Bearer …)."
        assert details[404] == "Nothing is at this address: check the path and the record's id."
    else:
        assert details[401] == "Cần một mã API hợp lệ (Authorization: Bearer …)."
        assert details[422].startswith("Dữ liệu gửi lên bị từ chối")


def test_the_language_picked_on_the_site_wins_over_the_browsers(client, db):
    assert submit(client, "/language", {"language": "vi"}, form_url="/", prefix="lang").status_code == 302
    assert client.get("/api/v1/nothing-here").json["title"] == "Không tìm thấy"  # header says en


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        (
            "vi",
            ('lang="vi"', "API trả lời như thế nào", "Các tổ chức đã xác minh, lọc theo loại và lĩnh vực."),
        ),
        ("en", ('lang="en"', "How the API answers", "Verified organisations, filtered by kind and sector.")),
    ],
)
def test_the_reference_page_speaks_the_readers_language(client, db, language, texts):
    page = client.get("/api/v1/docs", headers={"Accept-Language": language})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Accept-Language" in page.headers["Vary"] and "<script" not in html
    assert all(text in html for text in texts), language
    assert "/api/v1/technology-offers" in html and "/api/v1/technology-offers.schema.json" in html
