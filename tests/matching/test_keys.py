"""Tokens -> the keys and similarities that pair them."""

from chokepoint.matching.features import MIN_PAIR, token_similarity
from chokepoint.matching.keys import syllable


def test_east_asian_romanisations_share_a_syllable_key() -> None:
    # McCune-Reischauer / Revised Korean, Wade-Giles / pinyin Chinese.
    for a, b in [("kim", "gim"), ("chol", "jol"), ("ko", "go"), ("pak", "bak"), ("chon", "jon")]:
        assert syllable(a) == syllable(b), (a, b)
    for a, b in [("hsu", "xu"), ("luqian", "luchian"), ("zhang", "chang"), ("hyeok", "hyok")]:
        assert syllable(a) == syllable(b), (a, b)
    assert syllable("rhee") == syllable("lee") == syllable("ri") == syllable("yi")
    assert syllable("park") != syllable("pak")  # an edit, not a romanisation
    assert syllable("alexandrovich") is None  # too long to be a syllable or two


def test_token_similarity() -> None:
    assert token_similarity("chol", "jol") == 0.85  # syllable key
    assert token_similarity("younes", "yunus") == 0.8  # one edit once "ou" is "u"
    # One metaphone but spelled far apart: not the same name.
    assert token_similarity("miguel", "mukolo") < MIN_PAIR
    assert token_similarity("yuequn", "yakeen") < MIN_PAIR
    assert token_similarity("mohammed", "muhammad") == 0.9  # sound, and spelled alike
