"""Demo certification rules for the demo program: issuer, validity and a code of
ethics written for this project. Never for production."""

from programs.models import Program

from .models import ProgramCertification

DEMO_PROGRAM = "Certified Peer Recovery Mentor"

CODE_OF_ETHICS = "\n".join(
    [
        "As a peer recovery mentor I will:",
        "",
        ("1. Treat every person with dignity and respect, whatever their path, pace or choices."),
        ("2. Use person-first, non-judgmental language, and speak about recovery with hope."),
        (
            "3. Share my own experience only when it serves the person I support, briefly and "
            "without graphic detail."
        ),
        (
            "4. Keep what people tell me confidential, and explain the limits of "
            "confidentiality before they matter: a risk of serious harm to themselves or "
            "others, and reporting duties such as suspected harm to a child."
        ),
        (
            "5. Stay within the peer role: I offer support, connection and lived experience, "
            "not diagnosis, treatment or legal advice, and I connect people to professionals "
            "when they need more."
        ),
        (
            "6. Avoid dual relationships that could harm the person or the trust between us: "
            "no romantic or sexual relationships, no business dealings, no borrowing or "
            "lending money, and no gifts that create an obligation."
        ),
        (
            "7. Respect each person's right to lead their own recovery plan, including "
            "choices I would not make."
        ),
        (
            "8. Respond to a crisis by making sure the person is safe and connecting them "
            "with crisis services without delay."
        ),
        (
            "9. Use supervision honestly: bring my questions, mistakes and worries to my "
            "supervisor, and log my practice hours truthfully."
        ),
        (
            "10. Look after my own wellbeing and recovery, and step back and ask for help "
            "when I am not well enough to support others."
        ),
        (
            "11. Practise with cultural humility, and work to make my support welcoming to "
            "people of every background."
        ),
        (
            "12. Report unethical or unsafe practice I see, through the channels my "
            "organisation provides."
        ),
        "",
    ]
)


def seed_demo(*, log=print) -> list[str]:
    program = Program.objects.filter(title=DEMO_PROGRAM).first()
    if program is None:
        log("No demo program; skipping certification rules.")
        return []
    _, created = ProgramCertification.objects.get_or_create(
        program=program,
        defaults={
            "issuer_name": "Peerpath Training Collective",
            "validity_months": 24,
            "code_of_ethics": CODE_OF_ETHICS,
        },
    )
    if created:
        log("Added the demo program's certification rules and code of ethics.")
    return []
