"""The page audit's language check finds what it is meant to find (and not user content)."""

from tests.e2e.audit import language_problems


def test_the_vietnamese_check_finds_english_form_messages_and_raw_codes(app):
    page = ("<main><p>Trường này là bắt buộc.</p><p>Field must be between 10 and 128 characters long.</p>"
            "<li>application.draft · founder@demo.test</li></main>")  # fmt: skip
    assert language_problems(page, "vi") == [
        "English form message: 'Field must be between 10 and 128 characters long.'",
        "raw code: application.draft",
    ]


def test_the_english_check_finds_vietnamese_chrome_but_not_vietnamese_user_content(app):
    page = ('<nav><a class="btn" href="/x.ics">Tải tệp .ics</a></nav><button>Download .ics</button>'
            "<label>Nguyễn Văn An</label><p>Mở</p><h1>Tải tệp .ics</h1>")  # fmt: skip
    assert language_problems(page, "en") == ["Vietnamese chrome: 'Tải tệp .ics'"]
