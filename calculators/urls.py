from django.urls import path

from calculators import views

app_name = "calculators"

urlpatterns = [
    path("due-date-calculator/", views.due_date, name="due_date"),
    path("due-date-calculator/calendar.ics", views.due_date_calendar, name="due_date_calendar"),
]
