"""A cached page gzipped once, with its per-request parts (CSRF token, CSP nonce) stitched in.

A deflate stream can be made of pieces compressed on their own, each ended with a full flush
(byte-aligned, no reference to anything before it): the pieces then join into one valid stream,
as Varnish joins gzipped ESI fragments. The page's fixed text is compressed once, when it is
cached; a response adds only its few dozen bytes of tokens, as stored (uncompressed) blocks,
instead of gzipping the whole page again (most of the landing page's time). BREACH: a token is
never compressed, so the response's size says nothing about it; the random padding of Django's
GZipMiddleware is added too.

Where the caller knows how long each value will be (a CSRF token is always 64 characters, a CSP
nonce 22), the pieces are compressed as ONE stream instead, each ended with a sync flush, so a
piece refers back to the text before it and the page compresses about as well as a whole (the
scenario page: 13 KB instead of 23 KB). The compressor sees a gap of the value's length in place
of each value, made of a byte no page holds (\\x01, checked): nothing after the gap can match
its bytes, so no reference ever reaches into the value, which goes in uncompressed as before
and keeps the distances right. A response whose value has another length (or a page holding that
byte) falls back to compressing the filled page whole, never to a wrong stream.
"""

import dataclasses
import re
import secrets
import struct
import zlib

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CSRF_TOKEN_LENGTH
from django.utils.cache import patch_vary_headers
from django.utils.csp import generate_nonce

# What a response fills in: Django's masked CSRF token (64 characters) and CSP nonce (22).
CSRF_LENGTH = CSRF_TOKEN_LENGTH
NONCE_LENGTH = len(generate_nonce())

_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
_LEVEL = 6  # as Django's GZipMiddleware
# A page compressed at every edit (the scenario page, the shared report) rather than once per
# release (the landing page): level 1 takes a third of the time of 6 for 18 % more bytes (the
# scenario page: 0.33 ms and 15.5 KB instead of 0.92 ms and 13.1 KB).
FAST = 1
_PADDING = 100  # bytes at most, as Django's GZipMiddleware.max_random_bytes


def _deflate(data: bytes, level: int = _LEVEL) -> bytes:
    """Raw deflate blocks of `data`, ended with a full flush: not final, nothing refers back."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)


def _stored(data: bytes) -> bytes:
    """`data` as raw deflate stored blocks, not final: after a full flush they need no
    compressor (a token is a few dozen random bytes, which nothing would compress), and their
    size says nothing of the bytes inside (BREACH)."""
    blocks = []
    for start in range(0, len(data), 65535):  # a stored block holds at most 65,535 bytes
        chunk = data[start : start + 65535]
        # BFINAL 0, BTYPE 00 and padding to the byte: 0x00; then LEN and its one's complement.
        blocks.append(b"\0" + struct.pack("<HH", len(chunk), len(chunk) ^ 0xFFFF) + chunk)
    return b"".join(blocks)


_GAP = b"\x01"  # stands for a value's bytes in the one-stream compression; no page holds it


def _deflate_joined(
    pieces: tuple[bytes, ...], gaps: tuple[int, ...], level: int = _LEVEL
) -> tuple[bytes, ...]:
    """The pieces as one deflate stream cut after each piece (sync flushes), with a gap of
    `gaps[i]` bytes between piece i and i + 1 whose own blocks are left out (a value's stored
    blocks go there). The stream's window then holds what the reader's will: the same bytes, but
    the gap's, at the same distances; and as no piece contains the gap's byte, no match refers
    to it."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)
    out = []
    for index, piece in enumerate(pieces):
        out.append(compressor.compress(piece) + compressor.flush(zlib.Z_SYNC_FLUSH))
        if index < len(gaps):  # its blocks are dropped: the response puts the value there
            compressor.compress(_GAP * gaps[index])
            compressor.flush(zlib.Z_SYNC_FLUSH)
    return tuple(out)


_LAST_BLOCK = zlib.compressobj(_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS).flush(zlib.Z_FINISH)


@dataclasses.dataclass(frozen=True)
class StitchedPage:
    """A page's fixed text between its stand-ins, deflated; picklable for caches."""

    # n + 1 pieces of text around n stand-ins; empty for one stream (`value_lengths`), whose
    # text is read back from `deflated` when a response needs it: a cached page then holds its
    # compressed bytes only, a fifth of its text (the scenario page: 15 KB, not 96 KB).
    pieces: tuple[bytes, ...]
    deflated: tuple[bytes, ...]
    stand_ins: tuple[str, ...]  # which stand-in sits after each piece but the last
    content_type: str
    # The length in bytes each stand-in's value must have for `deflated` (one stream, see the
    # module's text); empty: the pieces are deflated each on its own and take any value.
    value_lengths: tuple[int, ...] = ()
    piece_lengths: tuple[int, ...] = ()  # one stream: the bytes of each piece of text

    @classmethod
    def of(
        cls,
        html: str,
        stand_ins: tuple[str, ...],
        content_type: str,
        lengths: dict[str, int] | None = None,
        level: int = _LEVEL,
    ) -> "StitchedPage":
        """Cut `html` at every occurrence of the stand-ins and deflate the pieces (at zlib's
        `level`): as one stream if `lengths` gives the length of every stand-in's value, else
        each on its own."""
        # Each stand-in's places by str.find, once through the page: far faster on a long page
        # than a regular expression's alternation, which tries every position.
        hits = []
        for mark in stand_ins:
            at = html.find(mark)
            while at >= 0:
                hits.append((at, mark))
                at = html.find(mark, at + len(mark))
        texts, found, start = [], [], 0
        for at, stand_in in sorted(hits):
            if at < start:  # inside the stand-in before (one stand-in holding another)
                continue
            texts.append(html[start:at])
            found.append(stand_in)
            start = at + len(stand_in)
        texts.append(html[start:])
        pieces = tuple(text.encode() for text in texts)
        if lengths and all(mark in lengths for mark in found) and _GAP.decode() not in html:
            gaps = tuple(lengths[mark] for mark in found)
            deflated = _deflate_joined(pieces, gaps, level)
            sizes = tuple(len(piece) for piece in pieces)
            return cls((), deflated, tuple(found), content_type, gaps, sizes)
        deflated = tuple(_deflate(p, level) for p in pieces)
        return cls(pieces, deflated, tuple(found), content_type)

    def _body(self, filled: list[bytes]) -> bytes:
        """The deflate stream of the page with `filled` (one value per stand-in, each of the
        length the stream was made for, or any length for pieces deflated on their own)."""
        body = [self.deflated[0]]
        once = {value: _stored(value) for value in set(filled)}  # a page repeats its token
        for value, deflated in zip(filled, self.deflated[1:], strict=True):
            body += (once[value], deflated)
        return b"".join(body)

    def texts(self) -> tuple[bytes, ...]:
        """The pieces of text: kept, or read back from the one stream with fillers for values."""
        if self.pieces:
            return self.pieces
        text = _inflate(self._body([_GAP * length for length in self.value_lengths]))
        texts, at = [], 0
        for size, gap in zip(self.piece_lengths, (*self.value_lengths, 0), strict=True):
            texts.append(text[at : at + size])
            at += size + gap
        return tuple(texts)

    def response(self, request: HttpRequest, values: dict[str, str]) -> HttpResponse:
        """The page with `values` for its stand-ins, gzipped if the client accepts it."""
        filled = [value.encode() for value in (values[stand_in] for stand_in in self.stand_ins)]
        fits = not self.value_lengths or all(
            len(value) == length for value, length in zip(filled, self.value_lengths, strict=True)
        )
        if fits:  # the stream as it was made, the values as stored blocks in their gaps
            body = self._body(filled)
            plain = _inflate(body) if not self.pieces else _joined(self.pieces, filled)
        else:  # a value of another length than the stream was made for: the page anew
            plain = _joined(self.texts(), filled)
            body = _deflate(plain)
        if not _ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            response = HttpResponse(plain, content_type=self.content_type)
        else:
            response = HttpResponse(_gzip(body, plain), content_type=self.content_type)
            response.headers["Content-Encoding"] = "gzip"
        patch_vary_headers(response, ("Accept-Encoding",))
        return response


def _joined(pieces: tuple[bytes, ...], filled: list[bytes]) -> bytes:
    """The pieces of text with a value between each two."""
    return pieces[0] + b"".join(v + p for v, p in zip(filled, pieces[1:], strict=True))


def _inflate(body: bytes) -> bytes:
    """The text of a raw deflate stream that lacks its last block (what `_body` gives)."""
    return zlib.decompressobj(-zlib.MAX_WBITS).decompress(body)


def _gzip(deflated: bytes, plain: bytes) -> bytes:
    """A gzip member around a deflate stream that lacks only its last block (RFC 1952)."""
    name = b"a" * secrets.randbelow(_PADDING) + b"\0"  # FNAME: Django's random padding
    header = b"\x1f\x8b\x08\x08" + b"\0\0\0\0" + b"\0\xff"  # deflate, FNAME, mtime 0, OS unknown
    trailer = struct.pack("<II", zlib.crc32(plain), len(plain) & 0xFFFFFFFF)
    return header + name + deflated + _LAST_BLOCK + trailer
