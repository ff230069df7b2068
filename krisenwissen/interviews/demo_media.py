"""Regenerate the demo interview's audio and captions from its transcript (a developer tool).

The demo interview ships a short German audio file (``data/demo-interview.mp3``) spoken by a
synthetic voice, its WebVTT captions (``data/demo-interview.vtt``) and the cue times
(``data/demo-interview-cues.json``). All three are generated from ``data/demo_interview.json``, so
captions, chapters and transcript always match the audio::

    apt-get install -y espeak-ng lame
    .venv/bin/python -m krisenwissen.interviews.demo_media

The generated files are committed; a normal set-up never runs this.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
SOURCE = DATA_DIR / "demo_interview.json"
AUDIO = DATA_DIR / "demo-interview.mp3"
CAPTIONS = DATA_DIR / "demo-interview.vtt"
CUES = DATA_DIR / "demo-interview-cues.json"
PAUSE_S = 0.6
MAX_AUDIO_BYTES = 1_000_000


def vtt_time(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def build() -> None:
    espeak, lame = shutil.which("espeak-ng"), shutil.which("lame")
    if not espeak or not lame:
        raise SystemExit("needs espeak-ng and lame (apt-get install -y espeak-ng lame)")
    source = json.loads(SOURCE.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        frames, params, cues, position = [], None, [], 0.0
        for number, segment in enumerate(source["segments"]):
            path = Path(tmp) / f"{number}.wav"
            subprocess.run(  # noqa: S603 - fixed program, text from our own file
                [espeak, "-v", segment["voice"], "-s", "150", "-w", str(path), segment["text"]], check=True
            )
            with wave.open(str(path), "rb") as part:
                params = params or part.getparams()
                data = part.readframes(part.getnframes())
                duration = part.getnframes() / part.getframerate()
            silence = b"\x00" * (int(PAUSE_S * params.framerate) * params.sampwidth * params.nchannels)
            frames.append(data + silence)
            cues.append({"start": round(position, 3), "end": round(position + duration, 3), **segment})
            position += duration + PAUSE_S
        joined = Path(tmp) / "all.wav"
        with wave.open(str(joined), "wb") as out:
            out.setparams(params)
            out.writeframes(b"".join(frames))
        subprocess.run(  # noqa: S603
            [lame, "--quiet", "-m", "m", "-b", "32", "--resample", "22.05", str(joined), str(AUDIO)], check=True
        )
    if AUDIO.stat().st_size > MAX_AUDIO_BYTES:
        raise SystemExit(f"{AUDIO.name} is larger than {MAX_AUDIO_BYTES} bytes")
    lines = ["WEBVTT", "", "NOTE Demo-Untertitel, erzeugt aus demo_interview.json (synthetische Stimme)", ""]
    for number, cue in enumerate(cues, start=1):
        lines += [str(number), f"{vtt_time(cue['start'])} --> {vtt_time(cue['end'])}"]
        lines += [f"<v {cue['speaker']}>{cue['text']}", ""]
    CAPTIONS.write_text("\n".join(lines), encoding="utf-8")
    CUES.write_text(
        json.dumps(
            {
                "duration": round(position, 3),
                "cues": [
                    {k: cue[k] for k in ("start", "end", "speaker", "text", "chapter") if k in cue} for cue in cues
                ],
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"{AUDIO.name}: {AUDIO.stat().st_size} bytes, {position:.1f} s, {len(cues)} cues")


if __name__ == "__main__":
    build()
