"""The interface speaks Spanish and French: complete catalogues, compiled files in step, real pages translated.

The .po files are read with the small parser below (no extra dependency); the committed .mo files are read with
Python's own ``gettext.GNUTranslations``, the same reader Django uses.
"""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings

LANGS = ("es", "fr")
PLURAL_FORMS = {"es": "nplurals=2; plural=(n != 1);", "fr": "nplurals=2; plural=(n > 1);"}
# Python %-format placeholders: %(name)s, %s, %d, %% (with optional flags, width and precision).
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[#0 +\-]*\d*(?:\.\d+)?[sdifrx]|%%")
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def po_path(lang: str) -> Path:
    return Path(settings.LOCALE_PATHS[0]) / lang / "LC_MESSAGES" / "django.po"


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)
    obsolete: bool = False

    @property
    def key(self) -> str:
        """The key gettext uses in a compiled catalogue."""
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt is not None else self.msgid

    @property
    def translations(self) -> list[str]:
        if self.msgid_plural is None:
            return [self.msgstr]
        return [self.msgstr_plural.get(i, "") for i in range(max(self.msgstr_plural, default=-1) + 1)]


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def _unquote(text: str) -> str:
    text = text.strip()
    assert text.startswith('"') and text.endswith('"'), f"not a quoted PO string: {text!r}"
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), text[1:-1])


def parse_po(path: Path) -> tuple[dict[str, str], list[Entry]]:
    """Return the header fields and the entries (header and obsolete entries excluded) of a .po file."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int | None] | None = None
    started = seen_msgstr = False

    def finish() -> None:
        nonlocal entry, target, started, seen_msgstr
        if started:
            entries.append(entry)
        entry, target, started, seen_msgstr = Entry(), None, False, False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#~"):
            entry.obsolete = started = True
        elif line.startswith("#"):
            if seen_msgstr:  # a comment after a msgstr opens the next entry
                finish()
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            elif line.startswith("#:"):
                entry.references.extend(line[2:].split())
        elif match := re.match(r"^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(\".*\")$", line):
            keyword, index, value = match.group(1), match.group(2), _unquote(match.group(3))
            if keyword in ("msgctxt", "msgid") and seen_msgstr:
                finish()
            started = True
            seen_msgstr = seen_msgstr or keyword == "msgstr"
            target = (keyword, int(index) if index is not None else None)
            _append(entry, target, value, reset=True)
        else:
            assert line.startswith('"') and target is not None, f"{path}: cannot read line {raw!r}"
            _append(entry, target, _unquote(line), reset=False)
    finish()

    header_entries = [e for e in entries if e.msgid == "" and e.msgctxt is None and not e.obsolete]
    assert len(header_entries) == 1, f"{path}: expected one header entry"
    header = {}
    for line in header_entries[0].msgstr.splitlines():
        name, _, value = line.partition(":")
        header[name.strip()] = value.strip()
    return header, [e for e in entries if e is not header_entries[0] and not e.obsolete]


def _append(entry: Entry, target: tuple[str, int | None], value: str, *, reset: bool) -> None:
    keyword, index = target
    if keyword == "msgstr" and index is not None:
        entry.msgstr_plural[index] = ("" if reset else entry.msgstr_plural.get(index, "")) + value
    elif keyword == "msgid_plural":
        entry.msgid_plural = ("" if reset else entry.msgid_plural or "") + value
    elif keyword == "msgctxt":
        entry.msgctxt = ("" if reset else entry.msgctxt or "") + value
    else:
        setattr(entry, keyword, ("" if reset else getattr(entry, keyword)) + value)


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def html_tags(text: str) -> list[str]:
    return sorted(HTML_TAG.findall(text))


# --- (a) every entry translated, nothing fuzzy, placeholders and markup kept ------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_header(lang):
    header, entries = parse_po(po_path(lang))
    assert header["Language"] == lang
    assert header["Project-Id-Version"] == "opengov"
    assert header["Content-Type"] == "text/plain; charset=UTF-8"
    assert header["Plural-Forms"] == PLURAL_FORMS[lang]
    assert len(entries) > 500, "the catalogue should hold the whole interface"


@pytest.mark.parametrize("lang", LANGS)
def test_every_entry_is_translated_and_not_fuzzy(lang):
    path = po_path(lang)
    _, entries = parse_po(path)
    problems = []
    for e in entries:
        where = f"{e.references[0] if e.references else path.name}: {e.msgid!r}"
        if "fuzzy" in e.flags:
            problems.append(f"fuzzy — {where}")
        translations = e.translations
        if e.msgid_plural is not None and len(translations) != 2:
            problems.append(f"expected msgstr[0] and msgstr[1] — {where}")
        if any(not t.strip() for t in translations) or not translations:
            problems.append(f"not translated — {where}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_and_html_are_kept(lang):
    _, entries = parse_po(po_path(lang))
    problems = []
    for e in entries:
        sources = [e.msgid] if e.msgid_plural is None else [e.msgid, e.msgid_plural]
        for i, translation in enumerate(e.translations):
            source = sources[min(i, len(sources) - 1)]
            if placeholders(translation) != placeholders(source):
                problems.append(f"placeholders differ: {source!r} -> {translation!r}")
            if html_tags(translation) != html_tags(source):
                problems.append(f"HTML tags differ: {source!r} -> {translation!r}")
    assert not problems, "\n".join(problems)


def test_spanish_and_french_hold_the_same_strings():
    es = {e.key for e in parse_po(po_path("es"))[1]}
    fr = {e.key for e in parse_po(po_path("fr"))[1]}
    assert es == fr


def test_parser_reads_multiline_plural_and_escaped_entries(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        '#: a.html:1\n#, python-format\nmsgid ""\n"Long %(x)s "\n"text with \\"quotes\\""\n'
        'msgstr "Long %(x)s texte"\n\n'
        '#: b.py:2\nmsgid "%(n)s item"\nmsgid_plural "%(n)s items"\n'
        'msgstr[0] "%(n)s élément"\nmsgstr[1] "%(n)s éléments"\n\n'
        '#, fuzzy\nmsgctxt "menu"\nmsgid "Open"\nmsgstr ""\n\n'
        '#~ msgid "Old"\n#~ msgstr "Vieux"\n',
        encoding="utf-8",
    )
    header, entries = parse_po(po)
    assert header["Language"] == "fr"
    assert [e.msgid for e in entries] == ['Long %(x)s text with "quotes"', "%(n)s item", "Open"]
    assert entries[0].flags == {"python-format"} and entries[0].msgstr == "Long %(x)s texte"
    assert entries[1].translations == ["%(n)s élément", "%(n)s éléments"]
    assert entries[2].flags == {"fuzzy"} and entries[2].key == "menu\x04Open"


# --- (b) the committed .mo files say exactly what the .po files say ---------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogue_matches_po(lang):
    path = po_path(lang)
    with path.with_suffix(".mo").open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)._catalog  # noqa: SLF001 — the parsed contents, as Django reads them
    _, entries = parse_po(path)
    expected: dict[object, str] = {}
    for e in entries:
        if e.msgid_plural is None:
            expected[e.key] = e.msgstr
        else:
            for i, translation in enumerate(e.translations):
                expected[(e.key, i)] = translation
    compiled = {key: value for key, value in catalog.items() if key != ""}
    stale = sorted(str(k) for k in expected.keys() ^ compiled.keys())
    assert not stale, f"{lang}: .mo and .po hold different strings; run `make messages`. First: {stale[:5]}"
    differing = [k for k in expected if expected[k] != compiled[k]]
    assert not differing, f"{lang}: .mo is older than .po; run `make messages`. First: {differing[:5]}"


@pytest.mark.parametrize("lang", LANGS)
def test_msgfmt_accepts_the_catalogue(lang):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("gettext's msgfmt is not on PATH: format strings not checked by msgfmt")
    result = subprocess.run(  # noqa: S603 — fixed arguments
        [msgfmt, "--check", "--output-file=/dev/null", str(po_path(lang))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_catalogues_hold_every_string_of_the_code(tmp_path, monkeypatch, settings):
    """`make messages` run now would find nothing new to translate: a string added to the code but never
    extracted (so shown in English to everyone) fails here, not only when someone next runs makemessages."""
    if shutil.which("xgettext") is None:
        pytest.skip("gettext's xgettext is not on PATH")
    from django.core.management import call_command

    source = Path(settings.BASE_DIR) / "opengov"
    copy = tmp_path / "opengov"
    # A copy, so that the committed catalogues are never written: makemessages rewrites the .po files it updates.
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)
    # The same options as the Makefile's `messages` target.
    call_command(
        "makemessages", locale=list(LANGS), no_obsolete=True, ignore_patterns=["*/tests/*", "migrations/*"], verbosity=0
    )
    for lang in LANGS:
        _, entries = parse_po(copy / "locale" / lang / "LC_MESSAGES" / "django.po")
        missing = [e.msgid for e in entries if "fuzzy" in e.flags or not all(e.translations)]
        assert not missing, (
            f"{lang}: {len(missing)} strings of the code are not translated (`make messages`): {missing[:5]}"
        )


# --- (c) real pages speak the language ---------------------------------------------------------------------------

PAGES = ("/", "/members/", "/accounts/login/")
EXPECTED = {
    "es": ("Miembros", "Iniciar sesión", "Saltar al contenido principal", "Áreas de política"),
    "fr": ("Membres", "Se connecter", "Aller au contenu principal", "Domaines d'action"),
}
PAGE_SPECIFIC = {
    "es": {
        "/": "Gobierno abierto, compromiso a compromiso",
        "/members/": "Filtrar miembros",
        "/accounts/login/": "¿Olvidó su contraseña?",
    },
    "fr": {
        "/": "Le gouvernement ouvert, engagement par engagement",
        "/members/": "Filtrer les membres",
        "/accounts/login/": "Mot de passe oublié\u00a0?",
    },
}
ENGLISH = ("Skip to main content", ">Members<", ">Log in<")


def assert_speaks(response, lang: str, path: str) -> None:
    assert response.status_code == 200, path
    html = unescape(response.content.decode())  # {% translate %} output is not escaped, variables are
    assert f'<html lang="{lang}">' in html, path
    assert response.headers["Content-Language"] == lang
    for text in (*EXPECTED[lang], PAGE_SPECIFIC[lang][path]):
        assert text in html, f"{path} in {lang}: {text!r} missing"
    for text in ENGLISH:
        assert text not in html, f"{path} in {lang}: English {text!r} left"


@pytest.mark.parametrize("path", PAGES)
def test_pages_in_spanish_from_accept_language(client, db, path):
    assert_speaks(client.get(path, HTTP_ACCEPT_LANGUAGE="es"), "es", path)


@pytest.mark.parametrize("path", PAGES)
def test_pages_in_french_from_language_cookie(client, db, path):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert_speaks(client.get(path, HTTP_ACCEPT_LANGUAGE="es"), "fr", path)


def test_pages_stay_english_by_default(client, db):
    html = client.get("/members/").content.decode()
    assert '<html lang="en">' in html and "Skip to main content" in html


# --- (d) the language switcher ------------------------------------------------------------------------------------


def test_language_switcher_switches_the_next_page_to_french(client, db):
    page = client.get("/members/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert 'action="/language/" method="get"' in page and 'value="fr"' in page
    assert "csrfmiddlewaretoken" not in page  # an anonymous page holds nothing personal: the page cache shares it

    response = client.get("/language/", {"language": "fr", "next": "/members/"})
    assert response.status_code == 302
    assert response["Location"] == "/members/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"

    # The cookie now wins over the browser's Accept-Language.
    assert_speaks(client.get("/members/", HTTP_ACCEPT_LANGUAGE="es"), "fr", "/members/")

    client.get("/language/", {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/", HTTP_ACCEPT_LANGUAGE="es").content.decode()


def test_language_switcher_never_redirects_off_site_and_ignores_unknown_languages(client, db):
    response = client.get("/language/", {"language": "de", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
