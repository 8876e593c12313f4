import hashlib

from django.core.files.base import ContentFile

import factory
import wagtail_factories

from .models import Community, OralHistoryIndexPage, OralHistoryPage, Recording, Scope, Segment, Transcript


class OralHistoryIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = OralHistoryIndexPage

    title = "Oral histories"
    slug = "oral-histories"


class OralHistoryPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = OralHistoryPage

    title = factory.Sequence(lambda n: f"Memories {n}")
    slug = factory.Sequence(lambda n: f"memories-{n}")
    languages_spoken = "aeb, fr"


def wav_bytes(seconds: float = 2.0, rate: int = 8000) -> bytes:
    """A real, tiny WAV file (a quiet tone): enough for players and probes."""
    import io
    import math
    import struct
    import wave

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        frames = int(seconds * rate)
        out.writeframes(b"".join(struct.pack("<h", int(800 * math.sin(n / 8))) for n in range(frames)))
    return buffer.getvalue()


class CommunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Community
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"community-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())
    name_en = factory.LazyAttribute(lambda o: o.name)


class RecordingFactory(factory.django.DjangoModelFactory):
    """A public WAV recording; pass ``scope``, ``embargo_until`` … to vary consent."""

    class Meta:
        model = Recording

    page = factory.SubFactory(OralHistoryPageFactory)
    file = factory.LazyFunction(lambda: ContentFile(wav_bytes(), name="memories.wav"))
    original_filename = "memories.wav"
    format = "wav"
    mime_type = "audio/wav"
    kind = "audio"
    duration = 2.0
    bitrate = 128000
    size = factory.LazyAttribute(lambda o: len(wav_bytes()))
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(wav_bytes()).hexdigest())
    scope = Scope.PUBLIC


class TranscriptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Transcript
        skip_postgeneration_save = True

    recording = factory.SubFactory(RecordingFactory)
    language = "fr"
    is_original = True
    source_format = "webvtt"

    @factory.post_generation
    def lines(self, create, extracted, **kwargs):
        """``lines=[(start, end, speaker, text), …]``"""
        for position, (start, end, speaker, text) in enumerate(extracted or ()):
            Segment.objects.create(transcript=self, position=position, start=start, end=end, speaker=speaker, text=text)


def recording_with_transcripts(page, *, seconds: float, transcripts: dict, **kwargs) -> Recording:
    """A public WAV recording ``seconds`` long on ``page``, with a transcript per language
    (``{"fr": [(start, end, speaker, text), …], …}``; the first one is the original)."""
    audio = wav_bytes(seconds)
    recording = RecordingFactory(
        page=page,
        file=ContentFile(audio, name="arriving.wav"),
        duration=seconds,
        size=len(audio),
        sha256=hashlib.sha256(audio).hexdigest(),
        **kwargs,
    )
    for n, (language, lines) in enumerate(transcripts.items()):
        TranscriptFactory(recording=recording, language=language, is_original=n == 0, lines=lines)
    return recording
