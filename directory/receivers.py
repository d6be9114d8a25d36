"""Keep derived search columns in step when a doctor's languages or centres change, whoever changes
them (the admin, the shell, a data migration): `Gynecologist.language_mask` and `search_text` are
derived from those many-to-many rows. Bulk writers (the importer, the demo seed) write the derived
columns themselves and send no such signals."""

from django.db.models.signals import m2m_changed, post_delete, pre_delete
from django.dispatch import receiver

from directory.models import Gynecologist, Language, refresh_doctors


@receiver(m2m_changed, sender=Gynecologist.languages.through, dispatch_uid="doctor-languages-derived")
@receiver(m2m_changed, sender=Gynecologist.hospitals.through, dispatch_uid="doctor-hospitals-derived")
def refresh_derived_columns(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse and action == "pre_clear":  # language.doctors.clear(): remember who is affected
        instance._doctors_before_clear = set(instance.doctors.values_list("pk", flat=True))
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # hospital.doctors.add(...): pk_set holds the doctors
        refresh_doctors(set(pk_set or ()) | getattr(instance, "_doctors_before_clear", set()))
    else:
        instance.refresh_derived()  # the doctor in hand too, so a later save() keeps the new values


# A language's bit is its place in every speaker's mask. When the language is deleted (its join rows go
# without an m2m signal), its speakers' masks are worked out again: otherwise the next language given that
# bit would be "spoken" by them, in the filter and on the cards. (Moving a bit: Language.save().)


@receiver(pre_delete, sender=Language, dispatch_uid="language-delete-speakers")
def remember_speakers_of_deleted_language(sender, instance, **kwargs):
    instance._speakers = set(instance.doctors.values_list("pk", flat=True))


@receiver(post_delete, sender=Language, dispatch_uid="language-delete-masks")
def refresh_speakers_of_deleted_language(sender, instance, **kwargs):
    refresh_doctors(instance.__dict__.pop("_speakers", ()))
