"""An editor corrects a live article and a medical reviewer publishes the correction: the article
never leaves the site, and readers see the old text until the correction is published."""

import re

from playwright.sync_api import expect

from tests.e2e.conftest import admin_login, assert_accessible

CORRECTION = "Straightened in review: cramps are common, and stretching the calf before bed helps most women."


def _log_out(page):
    page.wait_for_load_state("networkidle")  # the answers' live previews finish first
    page.context.clear_cookies()


def _first_answer(page, article_path):
    page.goto(article_path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    return page.locator(".article-section p").first.inner_text()


def test_an_editor_corrects_a_live_article_and_a_reviewer_publishes_it(page, viewport):
    page.goto("/articles/")
    page.locator(".article-card h3 a").first.click()
    article_path = page.url
    before = _first_answer(page, article_path)
    correction = f"{CORRECTION} ({viewport})"

    # The editor corrects the first answer of the live article.
    admin_login(page, "editor")
    slug = article_path.rstrip("/").rsplit("/", 1)[-1]
    page.goto(f"/admin/articles/article/?q={slug}")
    page.locator("#result_list tbody tr th a").first.click()
    change_url = page.url
    page.locator("#id_sections-0-answer").fill(correction)
    expect(page.locator(".markdown-preview-body").first).to_contain_text("Straightened in review")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("Your changes are saved as a draft")
    expect(page.locator("[data-pending-draft]")).to_be_visible()
    expect(page.locator("#id_sections-0-answer")).to_have_value(correction)  # the form shows the draft
    assert_accessible(page)
    _log_out(page)

    # Readers still see the published text.
    assert _first_answer(page, article_path) == before

    # The reviewer sees what changes and publishes it.
    admin_login(page, "reviewer")
    page.goto(change_url)
    page.get_by_role("link", name=re.compile("^See what changes")).click()
    expect(page.locator("table.draft-changes ins").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Publish these changes").click()
    expect(page.locator(".messagelist")).to_contain_text("The changes are published.")
    _log_out(page)

    # The page now shows the correction, and it never left the site.
    assert _first_answer(page, article_path) == correction
