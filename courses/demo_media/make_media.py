"""Rebuild the demo media files in this folder. Not used at run time.

    .venv/bin/python courses/demo_media/make_media.py

Needs Pillow, WeasyPrint (both installed with Peerpath) and ffmpeg on the PATH
(or at /usr/bin/ffmpeg). Every file is generated from the text below, so a
video's title cards, its captions and the lesson transcript stay in step:
change a clip's cards in VIDEOS here, run the script, and update the transcript
in courses/demo_content.py to match (tests/courses/test_demo.py checks that every
caption appears in the transcript). The same goes for the Spanish captions in
CAPTIONS_ES and the Spanish transcript in courses/demo_content_es.py
(tests/courses/test_demo_es.py).
"""

import math
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

# The site's palette (static/css/site.css), so the media sit calmly on the page.
PAPER = "#fbfaf7"
INK = "#1f2a30"
INK_SOFT = "#45545c"
ACCENT = "#1d5f56"
ACCENT_SOFT = "#e3f0ed"
WARM = "#8a4b12"
WARM_SOFT = "#fbefe2"
LINE = "#9fb3ad"

# The videos: four title cards each, three seconds a card. The captions are
# these exact words (the clips have no speech; their audio track is silence).
CARD_SECONDS = 3
VIDEOS = {
    # Course 1, lesson "Ask, share briefly, ask again".
    "ask-share-ask": [
        ("Ask, share briefly, ask again", "Three steps for sharing your story with purpose."),
        ("1. Ask", "“Would it help to hear a little about how this went for me?”"),
        ("2. Share briefly", "A minute or two about what helped, not every detail."),
        ("3. Ask again", "“How does that sit with you?” Then hand the conversation back."),
    ],
    # Course 3, lesson "Connecting a peer to crisis services".
    "warm-handoff": [
        (
            "A warm handoff",
            "Connecting someone to crisis support, and staying with them while you do.",
        ),
        ("1. Stay with them", "Stay calm, beside them or on the line."),
        ("2. Make the call together", "“Shall we call them now? I’ll stay right here with you.”"),
        ("3. Follow up", "Check in the next day, and look after yourself too."),
    ],
}
# Spanish captions (<name>.es.vtt) for the clips whose course has a Spanish
# version (courses/demo_content_es.py). The cards stay as they are, shared by
# both languages; these cues say the same words in Spanish, at the same times.
CAPTIONS_ES = {
    "warm-handoff": [
        (
            "Una transferencia cálida",
            "Conectar a una persona con apoyo en crisis y acompañarla mientras lo haces.",
        ),
        ("1. Quédate con la persona", "Mantén la calma, a su lado o en la línea."),
        ("2. Hagan la llamada en conjunto", "“¿Llamamos ahora? Yo me quedo aquí contigo.”"),
        ("3. Da seguimiento", "Comunícate al día siguiente y cuídate tú también."),
    ],
}


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size)


def wrap(draw: ImageDraw.ImageDraw, text: str, face, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=face) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def centred_text(draw, centre, text, face, fill, width, line_gap=6):
    lines = wrap(draw, text, face, width)
    height = sum(face.size + line_gap for _ in lines) - line_gap
    x, y = centre
    top = y - height / 2
    for line in lines:
        draw.text((x, top), line, font=face, fill=fill, anchor="mt")
        top += face.size + line_gap
    return height


def circle_label(draw, centre, text, radius, fill, size):
    """A bold label, wrapped and centred inside a circle."""
    face = font(size, True)
    lines = wrap(draw, text, face, 2 * radius - 36)
    top = centre[1] - (len(lines) * (size + 6) - 6) / 2
    for line in lines:
        draw.text((centre[0], top), line, font=face, fill=fill, anchor="mt")
        top += size + 6


# Both illustrations are drawn 800 px wide with large labels: lessons show
# images at about 480 px (and phones at about 330 px), so anything smaller
# than about 26 px here becomes too small to read.


def trigger_map(path: Path) -> None:
    """A personal trigger map: the person at the centre, what can pull at them
    around the edge, and what steadies them underneath."""
    width, height = 800, 780
    image = Image.new("RGB", (width, height), PAPER)
    draw = ImageDraw.Draw(image)
    draw.text((width / 2, 14), "A personal trigger map", font=font(38, True), fill=INK, anchor="mt")
    centre = (400, 405)
    radius = 100
    satellites = [
        ("People", (140, 235)),
        ("Places", (400, 175)),
        ("Feelings", (660, 235)),
        ("Body (HALT)", (140, 555)),
        ("Times and dates", (660, 555)),
    ]
    box = (225, 655, 575, 765)
    for _, point in satellites:
        draw.line([centre, point], fill=LINE, width=5)
    draw.line([centre, (400, box[1])], fill=ACCENT, width=7)
    for label, (x, y) in satellites:
        draw.ellipse(
            [x - radius, y - radius, x + radius, y + radius], fill=WARM_SOFT, outline=WARM, width=5
        )
        circle_label(draw, (x, y), label, radius, WARM, 30)
    cx, cy = centre
    draw.ellipse([cx - 88, cy - 88, cx + 88, cy + 88], fill=ACCENT)
    circle_label(draw, centre, "Me, this week", 88, "#ffffff", 30)
    # What steadies the person: underneath, holding the rest up.
    draw.rounded_rectangle(box, radius=22, fill=ACCENT_SOFT, outline=ACCENT, width=5)
    draw.text((400, box[1] + 18), "What steadies me", font=font(30, True), fill=ACCENT, anchor="mt")
    draw.text((400, box[1] + 62), "people, places, routines", font=font(26), fill=INK, anchor="mt")
    image.save(path, optimize=True)


def stages_of_change(path: Path) -> None:
    """The stages of change as a ring of labelled circles with arrows between them."""
    width, height = 800, 770
    image = Image.new("RGB", (width, height), PAPER)
    draw = ImageDraw.Draw(image)
    draw.text((width / 2, 14), "Stages of change", font=font(38, True), fill=INK, anchor="mt")
    stages = ["Not yet", "Thinking about it", "Getting ready", "Making changes", "Keeping it going"]
    centre, ring, radius = (400, 432), 250, 110
    points = []
    for index in range(len(stages)):
        angle = -math.pi / 2 + index * 2 * math.pi / len(stages)
        points.append((centre[0] + ring * math.cos(angle), centre[1] + ring * math.sin(angle)))
    for index, (x, y) in enumerate(points):
        nx, ny = points[(index + 1) % len(points)]
        dx, dy = nx - x, ny - y
        length = math.hypot(dx, dy)
        ux, uy = dx / length, dy / length
        start = (x + ux * (radius + 6), y + uy * (radius + 6))
        end = (nx - ux * (radius + 10), ny - uy * (radius + 10))
        draw.line([start, end], fill=ACCENT, width=6)
        # Arrow head pointing at the next stage.
        left = (end[0] - ux * 24 - uy * 14, end[1] - uy * 24 + ux * 14)
        right = (end[0] - ux * 24 + uy * 14, end[1] - uy * 24 - ux * 14)
        draw.polygon([end, left, right], fill=ACCENT)
    for label, (x, y) in zip(stages, points, strict=True):
        draw.ellipse(
            [x - radius, y - radius, x + radius, y + radius],
            fill=ACCENT_SOFT,
            outline=ACCENT,
            width=5,
        )
        circle_label(draw, (x, y), label, radius, ACCENT, 30)
    centred_text(
        draw,
        (centre[0], centre[1] + 6),
        "A return to use can happen at any stage. It is a chance to learn, not a restart.",
        font(24),
        INK_SOFT,
        230,
    )
    image.save(path, optimize=True)


def title_card(path: Path, heading: str, line: str) -> None:
    width, height = 640, 360
    image = Image.new("RGB", (width, height), ACCENT)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([24, 24, width - 24, height - 24], radius=18, outline="#9fd1c7", width=3)
    centred_text(draw, (width / 2, 120), heading, font(36, True), "#ffffff", width - 100)
    centred_text(draw, (width / 2, 230), line, font(24), "#e8f4f1", width - 110, line_gap=10)
    draw.text((width / 2, 318), "Peerpath demo", font=font(16), fill="#cfe7e1", anchor="mt")
    image.save(path)


def timestamp(seconds: int) -> str:
    return f"00:00:{seconds:02d}.000"


def captions(path: Path, cards: list[tuple[str, str]]) -> None:
    cues = ["WEBVTT", ""]
    for index, (heading, line) in enumerate(cards):
        start, end = index * CARD_SECONDS, (index + 1) * CARD_SECONDS
        cues += [f"{timestamp(start)} --> {timestamp(end)}", heading, line, ""]
    path.write_text("\n".join(cues), encoding="utf-8")


def video(path: Path, cards: list[tuple[str, str]]) -> None:
    ffmpeg = shutil.which("ffmpeg") or "/usr/bin/ffmpeg"
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "cards.txt"
        entries = []
        for index, (heading, line) in enumerate(cards):
            card = Path(tmp) / f"card{index}.png"
            title_card(card, heading, line)
            entries += [f"file '{card}'", f"duration {CARD_SECONDS}"]
        # The concat demuxer ignores the last duration unless the file is repeated.
        entries.append(f"file '{Path(tmp) / f'card{len(cards) - 1}.png'}'")
        listing.write_text("\n".join(entries) + "\n")
        total = CARD_SECONDS * len(cards)
        subprocess.run(
            [
                ffmpeg,
                "-y",
                "-loglevel",
                "error",
                "-f",
                "concat",
                "-safe",
                "0",
                "-i",
                str(listing),
                "-f",
                "lavfi",
                "-i",
                "anullsrc=channel_layout=mono:sample_rate=22050",
                "-t",
                str(total),
                "-vf",
                "fps=10,format=yuv420p",
                "-c:v",
                "libx264",
                "-preset",
                "veryslow",
                "-tune",
                "stillimage",
                "-crf",
                "28",
                "-c:a",
                "aac",
                "-b:a",
                "16k",
                "-movflags",
                "+faststart",
                str(path),
            ],
            check=True,
        )


WORKSHEET_CSS = """
@page { size: A4; margin: 16mm 16mm 14mm; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10.5pt; color: #1f2a30;
       line-height: 1.4; }
h1 { font-size: 18pt; color: #1d5f56; margin: 0 0 2mm; }
h2 { font-size: 12pt; color: #1d5f56; margin: 6mm 0 2mm; }
p { margin: 0 0 2.5mm; }
.note { background: #e3f0ed; padding: 3mm 4mm; border-radius: 2mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.4mm solid #9fb3ad; padding: 2mm; text-align: left; vertical-align: top; }
th { background: #e3f0ed; width: 24%; }
td { height: 15mm; }
.lines div { border-bottom: 0.3mm solid #9fb3ad; height: 8mm; }
table.short td { height: 9mm; }
.footer { margin-top: 5mm; font-size: 9pt; color: #45545c; }
"""

TRIGGER_MAP_HTML = """
<h1>My trigger map</h1>
<p class="note">This worksheet is yours. You decide what to write and whether to share it with
anyone, including your peer mentor. A trigger is not a failure: noticing one is a skill.</p>
<h2>What can pull at me, and what helps</h2>
<table>
<tr><th></th><th style="width:38%;background:#fbefe2">What I notice</th>
<th style="width:38%;background:#fbefe2">What helps me then</th></tr>
<tr><th>People</th><td></td><td></td></tr>
<tr><th>Places</th><td></td><td></td></tr>
<tr><th>Feelings</th><td></td><td></td></tr>
<tr><th>Body (hungry, angry, lonely, tired)</th><td></td><td></td></tr>
<tr><th>Times and dates</th><td></td><td></td></tr>
</table>
<h2>Early signs that I am drifting</h2>
<div class="lines"><div></div><div></div><div></div></div>
<h2>People and places that steady me</h2>
<div class="lines"><div></div><div></div></div>
<h2>If things start to feel urgent</h2>
<p>I will contact: ____________________ &nbsp; or call or text 988 (Suicide &amp; Crisis
Lifeline, US). If someone is in immediate danger, I will call 911 or my local emergency number.</p>
<p class="footer">Peerpath demo worksheet for the course “Recognising Relapse Warning Signs”.
Written for Peerpath; free to copy and adapt.</p>
"""

SELF_CARE_HTML = """
<h1>My self-care plan for peer work</h1>
<p class="note">Peer work asks a lot of the person doing it. A plan made on a calm day is easier to
follow on a hard one. Review it with your supervisor every few months.</p>
<h2>What fills me up</h2>
<div class="lines"><div></div><div></div></div>
<h2>Early signs that I am stretched too thin</h2>
<div class="lines"><div></div><div></div></div>
<h2>My boundaries at work</h2>
<table class="short">
<tr><th>Hours I am available</th><td></td></tr>
<tr><th>How people can reach me</th><td></td></tr>
<tr><th>What I will not share</th><td></td></tr>
</table>
<h2>Who supports me</h2>
<table class="short">
<tr><th>My supervisor</th><td></td></tr>
<tr><th>My own recovery supports</th><td></td></tr>
<tr><th>Someone I can debrief with</th><td></td></tr>
</table>
<h2>One thing I will do for myself this week</h2>
<div class="lines"><div></div></div>
<p class="footer">Peerpath demo worksheet for the course “Ethics and Boundaries for Peer
Mentors”. Written for Peerpath; free to copy and adapt.</p>
"""


def worksheet(path: Path, title: str, body: str) -> None:
    from weasyprint import HTML

    html = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{WORKSHEET_CSS}</style></head><body>{body}</body></html>"
    )
    HTML(string=html).write_pdf(path)


def main() -> None:
    trigger_map(HERE / "trigger-map.png")
    stages_of_change(HERE / "stages-of-change.png")
    for name, cards in VIDEOS.items():
        captions(HERE / f"{name}.vtt", cards)
        video(HERE / f"{name}.mp4", cards)
    for name, cards in CAPTIONS_ES.items():
        captions(HERE / f"{name}.es.vtt", cards)
    worksheet(HERE / "my-trigger-map.pdf", "My trigger map", TRIGGER_MAP_HTML)
    worksheet(HERE / "self-care-plan.pdf", "My self-care plan for peer work", SELF_CARE_HTML)
    for path in sorted(HERE.iterdir()):
        print(f"{path.name:28} {path.stat().st_size:>8} bytes")


if __name__ == "__main__":
    main()
