"""Keep each article's `topic_text` (what search reads of its topics) in step with its topics: when
topics are added to or taken from an article (from either side), when a topic is renamed or deleted,
and after every save of an article (an instance loaded before its topics changed would write back the
old names; History restores a version's own copy, possibly older than a topic's new name or from
before the field existed)."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from articles.models import Article, Topic, refresh_topic_text


@receiver(m2m_changed, sender=Article.topics.through)
def topics_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not reverse:  # article.topics.add/remove/set/clear
        if action in ("post_add", "post_remove", "post_clear"):
            # The instance too, so that saving it again does not write back the old names.
            instance.topic_text = refresh_topic_text([instance.pk])[instance.pk]
    elif action == "pre_clear":  # topic.articles.clear(): which articles lose it, before it happens
        instance._articles_before_clear = list(instance.articles.values_list("pk", flat=True))
    elif action == "post_clear":
        refresh_topic_text(getattr(instance, "_articles_before_clear", []))
    elif action in ("post_add", "post_remove"):
        refresh_topic_text(pk_set or [])


@receiver(post_save, sender=Article)
def article_saved(sender, instance, raw=False, **kwargs):
    # Also for raw saves: django-reversion restores a version through save_base(raw=True).
    instance.topic_text = refresh_topic_text([instance.pk])[instance.pk]


@receiver(post_save, sender=Topic)
def topic_saved(sender, instance, created, raw=False, **kwargs):
    if not created and not raw:
        refresh_topic_text(instance.articles.values_list("pk", flat=True))


@receiver(pre_delete, sender=Topic)
def topic_deleting(sender, instance, **kwargs):
    instance._articles_before_delete = list(instance.articles.values_list("pk", flat=True))


@receiver(post_delete, sender=Topic)
def topic_deleted(sender, instance, **kwargs):
    refresh_topic_text(getattr(instance, "_articles_before_delete", []))
