"""The keyboard-wedge decoder on its own: key timestamps decide what is a scan."""

from __future__ import annotations

from devices.scanners.wedge import KeyKind, Keystroke, WedgeConfig, WedgeDecoder


class Field:
    """What a text field would show, fed through the decoder the way the Qt filter does."""

    def __init__(self, config: WedgeConfig | None = None) -> None:
        self.decoder = WedgeDecoder(config or WedgeConfig())
        self.text = ""
        self.scans: list[str] = []
        self.submitted = 0

    def press(self, kind: KeyKind, text: str, at_ms: float) -> None:
        key = Keystroke(kind, text, at_ms, handle=text)
        result = self.decoder.feed(key)
        self._apply(result.replay, result.scans)
        if not result.hold_current:
            self._deliver(key)

    def pause(self) -> None:
        result = self.decoder.gap_passed()
        self._apply(result.replay, result.scans)

    def _apply(self, replay: tuple[Keystroke, ...], scans: tuple[str, ...]) -> None:
        for key in replay:
            self._deliver(key)
        self.scans.extend(scans)

    def _deliver(self, key: Keystroke) -> None:
        if key.kind is KeyKind.TEXT:
            self.text += key.text
        elif key.kind is KeyKind.ENTER:
            self.submitted += 1


def burst(field: Field, text: str, start: float, gap: float = 8,
          end: KeyKind | None = KeyKind.ENTER) -> float:
    at = start
    for char in text:
        field.press(KeyKind.TEXT, char, at)
        at += gap
    if end is not None:
        field.press(end, "\r", at)
    return at


def test_fast_burst_ending_in_enter_is_a_scan_and_leaves_the_field_alone():
    field = Field()
    burst(field, "4006381333931", 1000)
    assert field.scans == ["4006381333931"]
    assert (field.text, field.submitted) == ("", 0)


def test_slow_typing_reaches_the_field_in_order():
    field = Field()
    burst(field, "1234", 1000, gap=120)
    assert field.scans == []
    assert (field.text, field.submitted) == ("1234", 1)


def test_last_typed_key_is_given_back_when_the_pause_passes():
    field = Field()
    burst(field, "ab", 1000, gap=150, end=None)
    assert field.text == "a"
    field.pause()
    assert field.text == "ab"


def test_two_quick_keys_then_enter_is_typing_when_shorter_than_the_minimum():
    field = Field(WedgeConfig(min_length=4))
    burst(field, "ok", 1000, gap=20)
    assert field.scans == []
    assert (field.text, field.submitted) == ("ok", 1)


def test_one_slow_gap_inside_a_burst_breaks_it_into_typing():
    field = Field()
    field.press(KeyKind.TEXT, "A", 1000)
    field.press(KeyKind.TEXT, "B", 1010)
    field.press(KeyKind.TEXT, "C", 1200)  # a person's pause
    field.press(KeyKind.TEXT, "D", 1210)
    field.press(KeyKind.ENTER, "\r", 1300)
    assert field.scans == []
    assert field.text == "ABCD"


def test_shift_pressed_for_capitals_does_not_break_the_burst():
    field = Field()
    field.press(KeyKind.TEXT, "a", 1000)
    field.press(KeyKind.MODIFIER, "", 1004)
    field.press(KeyKind.TEXT, "B", 1008)
    field.press(KeyKind.TEXT, "c", 1016)
    field.press(KeyKind.TEXT, "d", 1024)
    field.press(KeyKind.ENTER, "\r", 1030)
    assert field.scans == ["aBcd"]


def test_twenty_identical_scans_are_twenty_scans():
    field = Field()
    at = 1000.0
    for _ in range(20):
        at = burst(field, "TOTE-0042", at) + 60
    assert field.scans == ["TOTE-0042"] * 20
    assert field.text == ""


def test_prefix_and_suffix_are_taken_off_and_typing_is_never_held():
    field = Field(WedgeConfig(prefix="§", suffix="#", terminators=frozenset()))
    field.press(KeyKind.TEXT, "x", 1000)
    assert field.text == "x"  # not the prefix: through at once, no waiting
    burst(field, "§A-01-01#", 2000, end=None)
    assert field.scans == ["A-01-01"]
    assert field.text == "x"


def test_enter_after_a_suffix_belongs_to_the_scan():
    field = Field(WedgeConfig(suffix="#"))
    burst(field, "A-01-01#", 1000)
    assert field.scans == ["A-01-01"]
    assert field.submitted == 0


def test_cr_lf_after_a_scan_does_not_press_enter_in_the_field():
    field = Field()
    at = burst(field, "A-01-01", 1000)
    field.press(KeyKind.ENTER, "\n", at + 3)
    assert field.submitted == 0
    field.press(KeyKind.ENTER, "\r", at + 900)  # a person pressing Enter later
    assert field.submitted == 1


def test_scanner_without_terminator_ends_a_scan_by_its_pause():
    field = Field(WedgeConfig(terminators=frozenset()))
    burst(field, "WAVE-17", 1000, end=None)
    assert field.scans == []
    field.pause()
    assert field.scans == ["WAVE-17"]
    assert field.text == ""


def test_gs_sent_as_a_control_character_stays_in_the_scan():
    field = Field()
    burst(field, "0109501101530003\x1d10AB", 1000)
    assert field.scans == ["0109501101530003\x1d10AB"]


def test_alt_keypad_code_inside_a_burst_becomes_its_character():
    field = Field()
    at = burst(field, "0109501101530003" "10AB", 1000, end=None)
    for digit in "0029":
        at += 4
        field.press(KeyKind.ALT_DIGIT, digit, at)
    field.press(KeyKind.ALT_RELEASE, "", at + 4)
    burst(field, "17250101", at + 8)
    assert field.scans == ["0109501101530003" "10AB\x1d17250101"]


def test_character_composed_again_by_the_system_is_counted_once():
    field = Field()
    at = burst(field, "10AB", 1000, end=None)
    for digit in "029":
        at += 4
        field.press(KeyKind.ALT_DIGIT, digit, at)
    field.press(KeyKind.ALT_RELEASE, "", at + 4)
    field.press(KeyKind.TEXT, "\x1d", at + 5)
    burst(field, "17250101", at + 10)
    assert field.scans == ["10AB\x1d17250101"]


def test_arrow_key_gives_back_held_keys_before_it():
    field = Field()
    field.press(KeyKind.TEXT, "a", 1000)
    field.press(KeyKind.OTHER, "", 1010)
    assert field.text == "a"
    assert not field.decoder.holding
