"""Names as written -> the tokens compared."""

from chokepoint.matching.keys import skeleton
from chokepoint.matching.normalize import name_key, name_tokens, normalize_id, to_latin


def test_every_script_becomes_latin() -> None:
    assert to_latin("Степанова Олга") == "stepanova olga"
    assert to_latin("Сидоренко Іван Ґ") == "sidorenko ivan g"  # Ukrainian letters
    assert to_latin("Γιώργος") == "giorgos"
    assert to_latin("محمد") == "mhmd"  # Arabic script has no vowels to give
    assert to_latin("金正恩") == "jin zheng en"


def test_company_forms_in_any_language_fold_to_one_generic_form() -> None:
    assert name_tokens("MOLOT-ORUZHIE, OOO", "Company") == ("molot", "oruzhie", "llc")
    assert name_tokens("Limited Liability Company Molot-Oruzhie") == ("llc", "molot", "oruzhie")
    assert name_tokens("Obshchestvo s Ogranichennoi Otvetstvennostyu Molot") == ("llc", "molot")
    assert name_tokens("SBT SOCIEDAD ANONIMA") == name_tokens("SBT S.A.") == ("sbt", "jsc")


def test_titles_vessel_prefixes_and_articles() -> None:
    assert name_tokens("Dr. Muhammad EL-HUSAIN", "Person") == ("muhammad", "al", "husain")
    assert name_tokens("M/T SUDAK", "Vessel") == name_tokens("MV SUDAK", "Vessel") == ("sudak",)


def test_surname_and_first_given_name_of_a_listed_person() -> None:
    assert name_key("KHAN, Mohammad Naushad Alam", "Person") == ("khan", "mohammad")
    assert name_key("KHAN HOLDINGS, LTD.", "Company") == ()


def test_romanisation_skeleton() -> None:
    assert skeleton("dzhin") == skeleton("jin")
    assert skeleton("kazakewich") == skeleton("kazakevich")
    assert skeleton("aleksandr") != skeleton("alexander")  # left to the edit similarity


def test_identifiers_compare_on_letters_and_digits() -> None:
    assert normalize_id("IMO 9187655") == "IMO9187655"
    assert normalize_id("ab-12 345/6") == "AB123456"
