"""Amounts of rupees as people in India type them (directory.amounts), and the fee and price filters
that read them."""

import pytest

from directory.amounts import parse_rupees
from tests.directory.public_data import cards, result_count


@pytest.mark.parametrize(
    ("typed", "rupees"),
    [
        ("1000", 1000),
        ("1,000", 1000),
        ("₹1000", 1000),
        ("₹ 1,000", 1000),
        ("Rs. 1,000/-", 1000),
        ("rs 800", 800),
        ("INR 1200", 1200),
        ("1000 rupees", 1000),
        ("1,00,000", 100_000),
        ("12,34,567", 1_234_567),
        ("100,000", 100_000),
        ("1 lakh", 100_000),
        ("1.5 lakh", 150_000),
        ("2 lacs", 200_000),
        ("1L", 100_000),
        ("50k", 50_000),
        ("50 thousand", 50_000),
        ("1 crore", 10_000_000),
        ("१०००", 1000),
        ("1000.00", 1000),
        ("  ₹ 2,500  ", 2500),
        ("-5", -5),  # a number: the field's minimum refuses it with its own message
    ],
)
def test_amounts_people_write_are_read_as_whole_rupees(typed, rupees):
    assert parse_rupees(typed) == rupees


@pytest.mark.parametrize(
    "typed",
    ["", "abc", "lots", "10,00", "1,0000", "999.50", "1.5", "1e309", "0x10", "²", "1 lakh 50", "5 dozen",
     "₹", "1,000,00", "9" * 5000, "12 34"],
)  # fmt: skip
def test_anything_else_is_not_an_amount(typed):
    assert parse_rupees(typed) is None


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen")
@pytest.mark.parametrize("typed", ["800", "₹800", "₹ 800", "Rs. 800/-", "800.00"])
def test_the_fee_filter_takes_the_amount_however_it_is_written(client, public_directory, typed):
    response = client.get("/gynecologists/", {"max_fee": typed, "sort": "fee"})
    assert cards(response) == ["rahul-deshmukh", "meera-joshi"]
    assert "data-error-summary" not in response.content.decode()
    # What was typed stays in the box, as typed.
    assert f'value="{typed}"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen")
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"max_price": "1 lakh"}, ["sahyadri-normal-general", "asha-normal-twin", "sahyadri-normal-single",
                                   "sahyadri-caesarean-general"]),
        ({"min_price": "1,00,000"}, ["seaside-normal-deluxe"]),
        ({"min_price": "52,000", "max_price": "₹70,000"}, ["asha-normal-twin", "sahyadri-normal-single"]),
        ({"max_price": "1.5 lakh", "min_price": "95k"}, ["sahyadri-caesarean-general", "seaside-normal-deluxe"]),
    ],
)  # fmt: skip
def test_the_price_filters_take_lakhs_and_indian_commas(client, public_directory, params, expected):
    response = client.get("/maternity-packages/", params)
    assert cards(response, "package") == expected
    assert result_count(response) == len(expected)


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen")
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"max_price": "10,00"}, "Enter a price in rupees, for example 150000, ₹1,50,000 or 1 lakh."),
        ({"max_price": "999.50"}, "Enter a price in rupees, for example 150000, ₹1,50,000 or 1 lakh."),
        ({"max_price": "11 crore"}, "Enter a price of ₹10,00,00,000 or less."),
        ({"min_price": "-1,000"}, "Enter a price of 0 or more."),
    ],
)
def test_an_amount_that_is_not_one_gets_a_message_and_is_left_out(client, public_directory, params, message):
    response = client.get("/maternity-packages/", params)
    html = response.content.decode()
    field = next(iter(params))
    assert response.status_code == 200
    assert message in html
    assert f'id="id_{field}-error"' in html
    assert result_count(response) == 5  # every listed package: the bad filter was left out


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen")
@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/maternity-packages/", "The maximum price is below the minimum price. This filter was left out."),
        ("/hi/maternity-packages/", "अधिकतम कीमत न्यूनतम कीमत से कम है। यह फिल्टर छोड़ दिया गया।"),
    ],
)
def test_a_maximum_price_below_the_minimum_is_left_out_with_a_message(
    client, public_directory, path, message
):
    """It would match nothing, silently (review finding); the minimum alone still applies."""
    response = client.get(path, {"min_price": "40000", "max_price": "30000"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<p class="field-error" id="id_max_price-error">{message}</p>' in html
    alone = client.get(path, {"min_price": "40000"})
    assert result_count(response) == result_count(alone) > 0
