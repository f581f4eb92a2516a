"""Issue 15: desk notifications, by email and in the admin's "for you" list, sent from tasks.

Mail goes through Django's locmem backend (the test runner's) and, in one test, through a real
SMTP server on loopback (aiosmtpd) with the SMTP backend the site uses in production.
"""

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.editing import workflow
from articles.models import Article, Notification
from articles.tasks import notify_desk
from tests.helpers.html import parse
from tests.helpers.server import free_port


@pytest.fixture
def desk(make_user, make_article):
    """A writer's story, the writer, an editor, and a writer who has nothing to do with it."""
    people = {}
    for role, name in [("Writer", "writer"), ("Editor", "editor"), ("Writer", "stranger")]:
        user = make_user(role, name)
        user.email = f"{name}@ledger.example"
        user.save()
        people[name] = user
    story = make_article(
        headline="Ferry fares to rise",
        status=Article.Status.DRAFT,
        authors=[people["writer"].author],
    )
    return story, people


def change_link(story):
    return reverse("admin:articles_article_change", args=[story.pk])


def test_submitted_for_review_tells_the_editors_by_email(desk, committed):
    story, people = desk
    with committed():
        workflow.submit_for_review(story, people["writer"])
    [message] = mail.outbox
    assert message.to == ["editor@ledger.example"]  # not the writer, not the stranger
    assert message.subject == "[The Harbour Ledger] Submitted for review: Ferry fares to rise"
    assert change_link(story) in message.body


def test_sent_back_tells_its_writers(desk, committed):
    story, people = desk
    with committed():
        workflow.submit_for_review(story, people["writer"])
    mail.outbox.clear()
    with committed():
        workflow.unpublish(story, people["editor"])  # back to draft from review
    [message] = mail.outbox
    assert message.to == ["writer@ledger.example"]
    assert "Sent back to draft: Ferry fares to rise" in message.subject
    assert change_link(story) in message.body


def test_published_tells_its_writers_not_the_editor_who_did_it(desk, committed):
    story, people = desk
    with committed():
        workflow.publish_now(story, people["editor"])
    assert [m.to for m in mail.outbox] == [["writer@ledger.example"]]
    assert "Published: Ferry fares to rise" in mail.outbox[0].subject


def test_nobody_is_told_of_a_story_they_may_not_see(desk, committed, make_user):
    story, people = desk
    outsider = make_user("Writer", "outsider")  # another writer, not on the byline
    outsider.email = "outsider@ledger.example"
    outsider.save()
    with committed():
        workflow.submit_for_review(story, people["writer"])
        workflow.publish_now(story, people["editor"])
    told = {address for message in mail.outbox for address in message.to}
    assert told == {"editor@ledger.example", "writer@ledger.example"}
    assert not Notification.objects.filter(recipient__in=[outsider, people["stranger"]]).exists()


def test_notifications_are_listed_for_you_on_the_admin_front_page(desk, committed, client):
    story, people = desk
    with committed():
        workflow.submit_for_review(story, people["writer"])
    client.force_login(people["editor"])
    page = client.get(reverse("admin:index")).text
    assert "For you" in page
    assert "Ferry fares to rise</a>: submitted for review by Writer Tester" in page
    assert f'href="{change_link(story)}"' in page
    client.force_login(people["stranger"])
    assert "Ferry fares to rise" not in client.get(reverse("admin:index")).text


def test_notifications_are_listed_for_you_on_the_story_list_too(
    desk, committed, client, django_assert_max_num_queries
):
    story, people = desk
    with committed():
        workflow.submit_for_review(story, people["writer"])
        workflow.unpublish(story, people["editor"])  # sent back to its writer
    client.force_login(people["writer"])
    stories = reverse("admin:articles_article_changelist")
    page = client.get(stories).text
    assert "For you" in page
    assert "Ferry fares to rise</a>: sent back to draft by Editor Tester" in page
    assert f'href="{change_link(story)}"' in page
    for n in range(8):  # more than the list shows: only the newest five
        Notification.objects.create(
            recipient=people["writer"], article=story, kind="published", event=f"step-{n}"
        )
    with django_assert_max_num_queries(20):
        page = client.get(stories).text
    assert page.count("Ferry fares to rise</a>: ") == 5
    client.force_login(people["stranger"])
    page = client.get(stories).text
    assert "sent back to draft" not in page
    assert "For you" not in page  # nothing for them: no empty box on a busy list


def test_for_you_times_are_whole_seconds(desk, committed, client, clock):
    """Issue 17: `<time datetime>` allows at most three fraction digits; a row's time has six."""
    story, people = desk
    clock.now = clock.now.replace(microsecond=598233)
    with committed():
        workflow.submit_for_review(story, people["writer"])
    client.force_login(people["editor"])
    page = parse(client.get(reverse("admin:index")).text)

    [moment] = [time["datetime"] for time in page.select(".for-you time")]
    assert moment == timezone.localtime(clock.now).replace(microsecond=0).isoformat()


def test_email_can_be_turned_off_on_ones_account_page(desk, committed, client):
    story, people = desk
    client.force_login(people["writer"])
    response = client.post(reverse("desk_account"), {}, follow=True)  # the box unticked
    assert "Email notifications are off." in response.text
    with committed():
        workflow.publish_now(story, people["editor"])
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=people["writer"]).count() == 1  # still listed
    client.post(reverse("desk_account"), {"email_notifications": "on"})
    with committed():
        workflow.unpublish(story, people["editor"])
        workflow.publish_now(story, people["editor"])
    assert [m.to for m in mail.outbox] == [["writer@ledger.example"]]


def test_a_notification_task_run_twice_tells_nobody_twice(desk, committed, settings):
    story, people = desk
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with committed():
        workflow.submit_for_review(story, people["writer"])
    [task] = DBTaskResult.objects.filter(task_path="articles.tasks.notify_desk")
    notify_desk.call(*task.args_kwargs["args"])
    notify_desk.call(*task.args_kwargs["args"])
    assert len(mail.outbox) == 1
    assert Notification.objects.count() == 1


def schedule(story, editor, moment):
    """What the story form does when an editor publishes with a time in the future."""
    story.status, story.published_at = Article.Status.PUBLISHED, moment
    workflow.save_revision(story, editor, "Scheduled.")


def test_scheduled_story_tells_its_writers_when_it_goes_live(desk, committed, settings, clock):
    story, people = desk
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with committed():
        schedule(story, people["editor"], clock.now + timezone.timedelta(hours=2))
    [live] = [
        task
        for task in DBTaskResult.objects.filter(task_path="articles.tasks.notify_desk")
        if task.args_kwargs["args"][1] == "live"
    ]
    assert live.run_after == story.published_at  # the worker runs it then
    clock.advance(hours=2)
    notify_desk.call(*live.args_kwargs["args"])
    assert [m.subject for m in mail.outbox] == [
        "[The Harbour Ledger] Now live (scheduled): Ferry fares to rise"
    ]
    assert mail.outbox[0].to == ["writer@ledger.example"]


def test_a_withdrawn_schedule_tells_nobody_it_went_live(desk, committed, settings, clock):
    story, people = desk
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with committed():
        schedule(story, people["editor"], clock.now + timezone.timedelta(hours=2))
    [live] = [
        task
        for task in DBTaskResult.objects.filter(task_path="articles.tasks.notify_desk")
        if task.args_kwargs["args"][1] == "live"
    ]
    with committed():
        workflow.unpublish(story, people["editor"])
    clock.advance(hours=2)
    assert notify_desk.call(*live.args_kwargs["args"]) == {"told": 0, "not_live": True}
    assert mail.outbox == []


class Inbox:
    """An aiosmtpd handler keeping every message it is given."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode()))
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 10},
        }
    }
    yield inbox
    controller.stop()


def test_notifications_go_through_a_real_smtp_server(desk, committed, smtp_server):
    story, people = desk
    with committed():
        workflow.submit_for_review(story, people["writer"])
    [(recipients, content)] = smtp_server.messages
    assert recipients == ["editor@ledger.example"]
    assert "Subject: [The Harbour Ledger] Submitted for review: Ferry fares to rise" in content
    assert change_link(story) in content
