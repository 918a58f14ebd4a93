"""Pages gzipped once with per-request values stitched in decode to exactly the filled page."""

import gzip
import pickle
import shutil
import subprocess
import zlib

from django.test import RequestFactory
from hypothesis import given, settings
from hypothesis import strategies as st

from ecareer.precompressed import StitchedPage

STAND_INS = ("@@token@@", "@@nonce@@")
TEXT = st.text(st.characters(blacklist_characters="@", blacklist_categories=("Cs",)), max_size=3000)
VALUE = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)
GZIP = RequestFactory().get("/", headers={"accept-encoding": "gzip, deflate, br"})
PLAIN = RequestFactory().get("/")


def page_with(pieces: list[str], order: list[int]) -> str:
    """pieces[0] stand-in pieces[1] stand-in … with the stand-ins in `order`."""
    html = pieces[0]
    for index, piece in zip(order, pieces[1:], strict=False):
        html += STAND_INS[index] + piece
    return html


@settings(max_examples=150, deadline=None)
@given(
    pieces=st.lists(TEXT, min_size=1, max_size=5),
    order=st.lists(st.integers(0, 1), min_size=4, max_size=4),
    token=VALUE,
    nonce=VALUE,
)
def test_gzipped_and_plain_answers_are_the_page_with_the_values(pieces, order, token, nonce):
    html = page_with(pieces, order)
    page = StitchedPage.of(html, STAND_INS, "text/html; charset=utf-8")
    values = {"@@token@@": token, "@@nonce@@": nonce}
    expected = html.replace("@@token@@", token).replace("@@nonce@@", nonce).encode()
    zipped = page.response(GZIP, values)
    assert zipped["Content-Encoding"] == "gzip" and zipped["Vary"] == "Accept-Encoding"
    assert gzip.decompress(zipped.content) == expected
    assert zlib.decompress(zipped.content, wbits=31) == expected  # one member, CRC and size right
    plain = page.response(PLAIN, values)
    assert "Content-Encoding" not in plain and plain.content == expected


def test_debians_gzip_reads_it_too():
    # An inflater other than Python's zlib binding: gzip(1) checks the CRC and length.
    html = "<p>" + "fixed text " * 2000 + "@@token@@</p><p>@@nonce@@" + "more " * 500
    page = StitchedPage.of(html, STAND_INS, "text/html")
    body = page.response(GZIP, {"@@token@@": "T" * 64, "@@nonce@@": "n0nce"}).content
    result = subprocess.run(
        [shutil.which("gzip") or "gzip", "-dc"], input=body, capture_output=True, check=True
    )
    assert (
        result.stdout == html.replace("@@token@@", "T" * 64).replace("@@nonce@@", "n0nce").encode()
    )


def test_fixed_text_is_compressed_and_padding_is_random():
    html = "<p>" + "the same words again and again " * 500 + "@@token@@</p>"
    page = StitchedPage.of(html, STAND_INS, "text/html")
    bodies = [page.response(GZIP, {"@@token@@": "x" * 64}).content for _ in range(30)]
    assert max(len(body) for body in bodies) < len(html) / 20
    # Django's BREACH padding: a random file name of 0-99 bytes in the gzip header.
    assert all(body[3] & 0x08 for body in bodies)
    assert len({len(body) for body in bodies}) > 1


def test_a_value_longer_than_one_stored_block():
    # Values go in as stored blocks of at most 65,535 bytes each: a longer one takes several.
    html = "<p>" + "fixed " * 100 + "@@token@@</p>@@nonce@@"
    page = StitchedPage.of(html, STAND_INS, "text/html")
    token, nonce = "t" * 150_000, "é" * 40_000  # 80,000 bytes in UTF-8
    body = page.response(GZIP, {"@@token@@": token, "@@nonce@@": nonce}).content
    expected = html.replace("@@token@@", token).replace("@@nonce@@", nonce).encode()
    assert zlib.decompress(body, wbits=31) == expected
    assert len(body) > 190_000  # stored, not compressed: the size does not depend on the bytes


# One stream (the scenario page, the landing page): the caller gives each value's length.
LENGTHS = {"@@token@@": 64, "@@nonce@@": 22}
TOKEN = st.text(st.characters(codec="ascii"), min_size=64, max_size=64)
NONCE = st.text(st.characters(codec="ascii"), min_size=22, max_size=22)


@settings(max_examples=200, deadline=None)
@given(
    pieces=st.lists(TEXT, min_size=1, max_size=5),
    order=st.lists(st.integers(0, 1), min_size=4, max_size=4),
    token=TOKEN | VALUE,  # mostly the length the stream was made for; any other falls back
    nonce=NONCE | VALUE,
)
def test_one_stream_answers_are_the_page_with_the_values(pieces, order, token, nonce):
    # TEXT holds any character but "@", \x01 (the gap's byte) included: such a page is
    # compressed piece by piece, any other as one stream; both decode to the filled page.
    html = page_with(pieces, order)
    page = StitchedPage.of(html, STAND_INS, "text/html; charset=utf-8", LENGTHS)
    values = {"@@token@@": token, "@@nonce@@": nonce}
    expected = html.replace("@@token@@", token).replace("@@nonce@@", nonce).encode()
    zipped = page.response(GZIP, values)
    assert zlib.decompress(zipped.content, wbits=31) == expected
    assert page.response(PLAIN, values).content == expected


def test_one_stream_compresses_as_well_as_the_whole_page_and_never_the_values():
    # 40 table rows each with a token: compressed on their own the rows cannot refer to each
    # other; as one stream they compress about as the page without stand-ins does.
    row = '<tr><td>Laptop</td><td class="num">1,900.00</td><td><form method="post">'
    row += '<input type="hidden" name="csrfmiddlewaretoken" value="@@token@@"><button>Delete'
    row += "</button></form></td></tr>\n"
    html = '<script nonce="@@nonce@@"></script><table>' + row * 40 + "</table>"
    whole = len(zlib.compress(html.encode(), 6))
    token, nonce = "T0k" * 21 + "n", "N0nce" * 4 + "xy"
    apart = StitchedPage.of(html, STAND_INS, "text/html")
    joined = StitchedPage.of(html, STAND_INS, "text/html", LENGTHS)
    assert joined.value_lengths == (22,) + (64,) * 40 and apart.value_lengths == ()
    deflated = [sum(len(d) for d in page.deflated) for page in (apart, joined)]
    # A sync flush costs a few bytes: at most 10 a stand-in over the whole page's size.
    assert deflated[1] < whole + 10 * 41 and 5 * deflated[1] < deflated[0], (whole, deflated)
    body = joined.response(GZIP, {"@@token@@": token, "@@nonce@@": nonce}).content
    # Each value stands in the body as it is (stored blocks): its bytes are never compressed,
    # so the body's size says nothing about them (BREACH).
    assert body.count(token.encode()) == 40 and body.count(nonce.encode()) == 1
    expected = html.replace("@@token@@", token).replace("@@nonce@@", nonce).encode()
    result = subprocess.run(
        [shutil.which("gzip") or "gzip", "-dc"], input=body, capture_output=True, check=True
    )
    assert result.stdout == expected


def test_a_value_of_another_length_or_a_page_with_the_gap_byte_still_decodes():
    html = "<p>" + "fixed text " * 300 + "@@token@@</p><p>@@nonce@@ and " + "more " * 100
    page = StitchedPage.of(html, STAND_INS, "text/html", LENGTHS)
    values = {"@@token@@": "short", "@@nonce@@": "n" * 22}
    expected = html.replace("@@token@@", "short").replace("@@nonce@@", "n" * 22).encode()
    assert zlib.decompress(page.response(GZIP, values).content, wbits=31) == expected
    odd = StitchedPage.of(html + "\x01", STAND_INS, "text/html", LENGTHS)
    assert odd.value_lengths == ()  # compressed piece by piece: takes any value
    values = {"@@token@@": "t" * 64, "@@nonce@@": "n" * 22}
    expected = (html + "\x01").replace("@@token@@", "t" * 64).replace("@@nonce@@", "n" * 22)
    assert zlib.decompress(odd.response(GZIP, values).content, wbits=31) == expected.encode()


def test_a_one_stream_page_keeps_only_its_compressed_bytes_and_reads_its_text_back():
    # The scenario page is stored at every edit: a fifth of its text's size, and the text (for
    # a client without gzip, or a value of another length) comes back exactly from the stream.
    row = '<tr><td>Laptop</td><td class="num">1,900.00</td><td><form method="post">'
    row += '<input type="hidden" name="csrfmiddlewaretoken" value="@@token@@"></form></td></tr>\n'
    html = '<script nonce="@@nonce@@"></script><table>' + row * 40 + "</table>"
    page = StitchedPage.of(html, STAND_INS, "text/html", LENGTHS)
    assert page.pieces == ()
    assert len(pickle.dumps(page)) < len(html) / 5
    assert b"".join(page.texts()) == html.replace("@@token@@", "").replace("@@nonce@@", "").encode()
    values = {"@@token@@": "t" * 64, "@@nonce@@": "n" * 22}
    expected = html.replace("@@token@@", "t" * 64).replace("@@nonce@@", "n" * 22).encode()
    assert page.response(PLAIN, values).content == expected
    assert zlib.decompress(page.response(GZIP, values).content, wbits=31) == expected
