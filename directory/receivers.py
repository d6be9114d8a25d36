"""Keep derived search columns in step when a doctor's languages or centres change, whoever changes
them (the admin, the shell, a data migration): `Gynecologist.language_mask` and `search_text` are
derived from those many-to-many rows. Bulk writers (the importer, the demo seed) write the derived
columns themselves and send no such signals."""

from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from directory.models import Gynecologist, refresh_doctors


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
