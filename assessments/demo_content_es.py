"""The Spanish of one demo quiz: the one of "Recognising Relapse Warning Signs".

Written for Peerpath, in our own words (issue 21), to go with the Spanish course
in `courses/demo_content_es.py`. Plain data built with the helpers of
`assessments/demo_content.py`, mirroring the English quiz exactly: the same key
(it names the stable question ids), settings, questions in the same order, the
same choices in the same order with the same right answers and scoring. Only
the words a person reads differ, so the Spanish pairs with the English segment
by segment as a wagtail-localize translation; tests/courses/test_demo_es.py
checks the mirror and the words.

Voice as in the Spanish course: tú, person-first, no label for a person; a
choice that is not the best one is usually kindly meant, and its feedback says
so before saying what would help more.
"""

from courses.demo_content_es import WARNING_SIGNS as COURSE

from .demo_content import QUIZ_SLUG, Quiz, best, multiple, other, scenario, single, true_false

__all__ = ["QUIZ_SLUG", "QUIZ_TITLE", "QUIZZES", "WARNING_SIGNS"]

QUIZ_TITLE = "Comprueba lo que aprendiste"

# The Spanish lesson titles, by the English lesson's slug: the quiz names the
# lesson that teaches each question by its title.
_LESSON = {lesson.slug: lesson.title for lesson in COURSE.lessons}
_PROCESS = _LESSON["a-process-not-an-event"]
_HALT = _LESSON["halt-and-post-acute-withdrawal"]
_TRIGGERS = _LESSON["personal-trigger-maps"]
_CRISIS = _LESSON["connecting-a-peer-to-crisis-services"]


WARNING_SIGNS = Quiz(
    key="warning-signs",
    course_title=COURSE.title,
    intro=(
        "<p>Preguntas sobre el regreso al consumo como un proceso, HALT, la abstinencia "
        "posaguda, los mapas de detonantes y cómo conectar a una persona con servicios de "
        "crisis. Esta prueba tiene un tiempo límite, con tiempo suficiente para leer con calma "
        "cada caso. Cada respuesta se guarda en cuanto la eliges, así que no se pierde nada "
        "si se acaba el tiempo. Después de cada intento verás comentarios sobre las respuestas "
        "que elegiste; las respuestas correctas se muestran cuando apruebes.</p>"
    ),
    time_limit_minutes=20,
    lessons=(
        _PROCESS,
        _HALT,
        _PROCESS,
        _HALT,
        _HALT,
        _TRIGGERS,
        _TRIGGERS,
        _CRISIS,
        _CRISIS,
        _CRISIS,
    ),
    questions=[
        true_false(
            "Volver a consumir suele empezar con cambios en los pensamientos, las emociones y "
            "las rutinas, muchas veces días o semanas antes de cualquier consumo.",
            True,
            if_true=(
                "Así es. Verlo como un proceso da esperanza: en cada etapa las cosas todavía "
                "pueden cambiar de rumbo."
            ),
            if_false=(
                "Desde fuera puede parecer repentino, pero las personas en recuperación suelen "
                "describir un deslizamiento poco a poco que empezó mucho antes de consumir. "
                "Cada etapa es una oportunidad de cambiar el rumbo."
            ),
        ),
        multiple(
            "HALT es una forma rápida de revisarte. ¿Sobre qué cuatro necesidades pregunta?",
            best("Hambre", "Sí. Saltarse comidas se puede sentir como ansiedad o irritabilidad."),
            best(
                "Enojo", "Sí. Vale la pena notar el resentimiento o la frustración que no se van."
            ),
            best(
                "Soledad",
                "Sí. La soledad es una de las fuerzas que más empujan de vuelta a los viejos "
                "patrones.",
            ),
            best("Cansancio", "Sí. El cansancio baja todas las demás defensas."),
            other(
                "Desesperanza",
                "La desesperanza es importante y vale la pena preguntar por ella, pero no es una "
                "de las cuatro revisiones de HALT, que se quedan en las necesidades básicas: "
                "hambre, enojo, soledad, cansancio.",
            ),
            other(
                "Ansiedad",
                "La ansiedad también importa, pero no es una de las letras de HALT. A veces el "
                "hambre o el cansancio se sienten como ansiedad, y esa es una de las razones por "
                "las que HALT ayuda.",
            ),
            scoring="partial",
        ),
        scenario(
            "Desde hace dos semanas, una persona que acompañas te dice que “todo está bien”. En "
            "ese tiempo ha faltado a dos grupos, y parece irritarse cuando le preguntas cómo van "
            "las cosas.",
            "¿Qué es lo más adecuado en este momento?",
            best(
                "Refleja lo que escuchas y deja la puerta abierta: “Parece que hoy prefieres no "
                "hablar de eso. Aquí estoy cuando quieras.”",
                "Sí. Discutir casi nunca ayuda cuando alguien todavía no quiere hablar. Un "
                "reflejo tranquilo y una puerta abierta mantienen firme la relación.",
            ),
            other(
                "Enumera las señales de alerta que has notado, para mostrarle hacia dónde va esto.",
                "Tu preocupación es real, pero las señales de alerta no son predicciones, y "
                "presentarlas como pruebas puede sentirse como una acusación. Comparte con "
                "cariño lo que notas y deja que la persona decida qué significa.",
            ),
            other(
                "Deja de buscar a la persona hasta que quiera hablarte con sinceridad.",
                "Dar espacio puede parecer respetuoso, pero cuando alguien se está alejando, "
                "acercarte importa más, no menos.",
            ),
            other(
                "Pídele a su familia que esté pendiente de la persona.",
                "Querer más apoyo a su alrededor es una muestra de cariño, pero compartir tus "
                "preocupaciones sin su consentimiento rompe la confidencialidad y puede dañar "
                "su confianza.",
            ),
        ),
        single(
            "¿Cuál es la mejor descripción de la abstinencia posaguda?",
            best(
                "Síntomas como dormir mal, ánimo bajo y dificultad para concentrarse, que pueden "
                "ir y venir durante semanas o meses después de la primera fase de la abstinencia",
                "Sí. Suele llegar en oleadas y puede empeorar con el estrés. Saber que es común "
                "puede aliviar mucho miedo.",
            ),
            other(
                "Una señal de que la recuperación no le está funcionando a la persona",
                "Mucha gente lo teme, pero la abstinencia posaguda es una parte común de la "
                "recuperación mientras el cerebro y el cuerpo se reajustan, no una señal de que "
                "algo va mal.",
            ),
            other(
                "Los primeros días después de que alguien deja de consumir",
                "Esa es la fase aguda. La abstinencia posaguda es lo que puede venir después, "
                "durante semanas o meses.",
            ),
            other(
                "Algo que un mentor o mentora de pares debe diagnosticar y tratar",
                "En el apoyo entre pares no diagnosticamos ni damos consejos médicos. Puedes "
                "ayudar a la persona a hablar con su médico o con su equipo de tratamiento.",
            ),
        ),
        scenario(
            "A los dos meses de su recuperación, una persona que acompañas te cuenta que se le "
            "olvidan las citas, que duerme mal y que casi todos los días se siente sin ánimo. Te "
            "pregunta si eso quiere decir que está haciendo mal la recuperación.",
            "¿Qué respuesta ayuda más?",
            best(
                "Explícale que a mucha gente le pasan cosas así durante un tiempo, ayúdale a "
                "poner recordatorios y anímale a contarle a su médico los problemas de sueño.",
                "Sí. Ponerle nombre alivia el miedo, los apoyos prácticos ayudan en el día a día, "
                "y su médico puede ayudar con los síntomas que son fuertes o que van empeorando.",
            ),
            other(
                "Sugiérele algo para dormir que a ti te funcionó.",
                "Nace de las ganas de ayudar, pero aconsejar sobre medicamentos queda fuera del "
                "papel de pares. Anima a la persona a hablar con su médico y ofrécete a ayudarle "
                "a hacer la llamada.",
            ),
            other(
                "Dile que seguro se le pasa en una semana.",
                "Tranquilizar es un gesto amable, pero estos síntomas suelen durar semanas o "
                "meses, y una promesa que no se cumple puede aumentar su preocupación.",
            ),
            other(
                "Dile que probablemente es señal de que pronto va a volver a consumir.",
                "Las señales de alerta no son predicciones, y esto aumentaría su miedo. Lo que "
                "describe es una parte común de la recuperación.",
            ),
        ),
        multiple(
            "Estás ayudando a una persona a armar su mapa personal de detonantes. ¿Cuáles de "
            "estos pasos encajan?",
            best(
                "Empieza por lo que le da estabilidad: personas, lugares y rutinas que le ayudan",
                "Sí. Comenzar por las fortalezas y los apoyos hace que lo demás sea más fácil de "
                "hablar.",
            ),
            best(
                "Para cada detonante, busca una forma de evitarlo o de enfrentarlo",
                "Sí. Algunos detonantes se pueden evitar; otros, como las emociones, no, así que "
                "el plan se trata de cómo enfrentarlos.",
            ),
            best(
                "Acuerden cuándo volver a mirar el mapa",
                "Sí. Los detonantes cambian a la par de la vida, así que hay que volver al mapa "
                "de vez en cuando.",
            ),
            other(
                "Decide por la persona qué detonantes van en el mapa",
                "Tus ideas pueden servir si te las pide, pero el mapa es de la persona. Ella "
                "decide qué va en él.",
            ),
            other(
                "Comparte el mapa terminado con su familia para que todos conozcan los detonantes",
                "Incluir a la familia le ayuda a algunas personas, pero solo si así lo eligen. "
                "La persona decide quién ve su mapa.",
            ),
        ),
        true_false(
            "Solo los momentos de estrés o de tristeza funcionan como detonantes; las buenas "
            "noticias no son un riesgo.",
            False,
            if_true=(
                "Es una idea muy común, pero una celebración, el día de pago o una buena noticia "
                "pueden tener tanta fuerza como el estrés o el duelo. Los detonantes son "
                "personales."
            ),
            if_false=(
                "Así es. Los buenos momentos también pueden ser detonantes; por eso un mapa de "
                "detonantes pregunta por horarios, fechas y celebraciones, además de las "
                "situaciones difíciles."
            ),
        ),
        scenario(
            "Durante una reunión, una persona que lleva varias semanas con el ánimo bajo dice en "
            "voz baja que ya no le ve sentido a nada, y que su familia estaría mejor sin ella.",
            "¿Qué deberías hacer primero?",
            best(
                "Mantén la calma, quédate a su lado y pregunta directamente: “¿Estás pensando en "
                "suicidarte?”",
                "Sí. Preguntar directamente no le mete la idea en la cabeza a nadie, y muchas "
                "veces trae alivio. Después escucha, sigue el protocolo de crisis de tu "
                "organización y ofrece hacer la llamada en conjunto.",
            ),
            other(
                "Evita mencionar el suicidio, por si eso le mete la idea en la cabeza.",
                "Esa preocupación es muy común, pero preguntar directamente no le mete la idea en "
                "la cabeza a nadie. No preguntar puede dejar a la persona a solas con lo que "
                "siente.",
            ),
            other(
                "Prométele que quedará entre ustedes, para que siga hablando.",
                "Quieres que siga hablando, y eso importa. Pero nunca prometas guardar en "
                "secreto un riesgo de daño; explica en qué casos involucrarías a otras personas, "
                "para que nunca sea una sorpresa.",
            ),
            other(
                "Dale el número de una línea de crisis y termina la reunión para que pueda llamar.",
                "Un número es un comienzo, pero es mucho más probable que la persona reciba "
                "ayuda si te quedas a su lado y hacen la llamada en conjunto.",
            ),
        ),
        single(
            "¿Qué es una transferencia cálida a un servicio de crisis?",
            best(
                "Quedarte con la persona, en el cuarto o en la línea, mientras habla con el "
                "servicio de crisis",
                "Sí. Estar ahí mientras se conecta hace mucho más probable que la ayuda de verdad "
                "le llegue.",
            ),
            other(
                "Darle a la persona una lista impresa de números de crisis",
                "Es útil tener una lista, sobre todo en un plan de recuperación, pero por sí sola "
                "deja a la persona haciendo una llamada difícil sin compañía.",
            ),
            other(
                "Pasarle los datos de la persona a un servicio sin decírselo",
                "Quizá la intención sea protegerla, pero le quita la decisión y puede dañar la "
                "confianza. Explica qué estás haciendo y por qué, siempre que sea seguro "
                "hacerlo.",
            ),
            other(
                "Llamar a la persona al día siguiente para ver si llamó",
                "Dar seguimiento después importa, pero una transferencia cálida ocurre en el "
                "momento, contigo presente.",
            ),
        ),
        true_false(
            "Si una persona no despierta y respira muy despacio, debes llamar de inmediato a los "
            "servicios de emergencia.",
            True,
            if_true=(
                "Así es. Pueden ser señales de una sobredosis. Llama de inmediato, y usa naloxona "
                "si tienes la capacitación y la tienes a mano."
            ),
            if_false=(
                "Puede ser difícil saber qué está pasando, pero estas pueden ser señales de una "
                "sobredosis, así que siempre es lo correcto llamar de inmediato a los servicios "
                "de emergencia."
            ),
        ),
    ],
)


# The Spanish of each English demo quiz that has one, matched by key.
QUIZZES = [WARNING_SIGNS]
