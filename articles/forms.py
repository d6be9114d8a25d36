from django import forms

MAX_QUERY_LENGTH = 100


class ArticleFilterForm(forms.Form):
    q = forms.CharField(
        label="Search articles",
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    topic = forms.CharField(label="Topic", max_length=90, required=False)

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())
