"""`{% citizen_complaints person_id %}`: the citizen's own complaints and consultations, for "My cases"."""

from django import template

from onedoor.complaints.selectors import complaints_of_citizen
from onedoor.people.models import Person

register = template.Library()


@register.inclusion_tag("complaints/_citizen_list.html")
def citizen_complaints(person_id: int) -> dict:
    person = Person.objects.filter(pk=person_id).only("pk", "district_id").first()
    return {"complaints": complaints_of_citizen(person) if person else []}
