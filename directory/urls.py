from django.urls import path

from directory import privacy, views

app_name = "directory"

urlpatterns = [
    path("gynecologists/", views.DoctorSearchView.as_view(), name="doctor_search"),
    path("gynecologists/<slug:city>/", views.DoctorSearchView.as_view(), name="doctor_city"),
    path("doctors/<slug:slug>/", views.DoctorDetailView.as_view(), name="doctor_detail"),
    path("doctors/<slug:slug>/enquire/", views.enquire, {"kind": "doctor"}, name="doctor_enquire"),
    path("hospitals/<slug:slug>/", views.HospitalDetailView.as_view(), name="hospital_detail"),
    path("maternity-packages/", views.PackageSearchView.as_view(), name="package_search"),
    # Before the city pattern, which would otherwise take "compare" for a city.
    path("maternity-packages/compare/", views.package_compare, name="package_compare"),
    path("maternity-packages/<slug:city>/", views.PackageSearchView.as_view(), name="package_city"),
    path("packages/<slug:slug>/", views.PackageDetailView.as_view(), name="package_detail"),
    path("packages/<slug:slug>/enquire/", views.enquire, {"kind": "package"}, name="package_enquire"),
    path("choose-city/", views.choose_city, name="choose_city"),
    path("enquiries/thanks/<str:reference>/", views.enquiry_thanks, name="enquiry_thanks"),
    path("privacy/", privacy.privacy_notice, name="privacy"),
    path("privacy/grievance/", privacy.grievance, name="grievance"),
    path("privacy/grievance/thanks/<str:reference>/", privacy.grievance_thanks, name="grievance_thanks"),
    path("my-enquiry/<str:token>/", privacy.my_enquiry, name="my_enquiry"),
]
