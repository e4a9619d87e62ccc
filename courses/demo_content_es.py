"""The Spanish of one demo course: "Recognising Relapse Warning Signs".

Written for Peerpath, in our own words, by a bilingual writer (issue 21). The
course was chosen because it uses every lesson block type. This module is plain
data like `courses/demo_content.py`, built with the same helpers, and it mirrors
the English exactly: the same lessons in the same order with the same slugs
(URLs don't change with the language) and minutes, the same blocks in the same
order with the same non-text values (media keys, callout kinds, heading levels),
and in every rich-text value the same paragraphs, list items, quotes and inline
bold, italics and links, in the same order. Only the words a person reads
differ. That is so the Spanish can be paired with the English segment by
segment when the Spanish pages are made as wagtail-localize translations of the
English ones; tests/courses/test_demo_es.py checks the mirror.

The media files are shared with the English course: the images, the worksheet
and the video's title cards stay in English. The video gets Spanish captions of
its own (`MEDIA` below, `courses/demo_media/warm-handoff.es.vtt`, with the
English file's cue times); the lesson's video block still names the English
captions key, as a mirror must, and `CAPTIONS` says which Spanish file stands in
for it.

Voice: the plain, warm register of US peer programs, "tú", person-first
("persona en recuperación", "volver a consumir"), and none of the words in
tests/language.py's Spanish list. Where Spanish needs a gender and the person's
is unknown, the text writes around it.
"""

from .demo_content import (
    Course,
    Lesson,
    MediaFile,
    callout,
    download,
    heading,
    html,
    image,
    reflection,
    story,
    takeaways,
    text,
    video,
    warning_signs,
)

# The Spanish captions of the course's video, found again by title when seeded.
MEDIA = {
    "warm_handoff_captions_es": MediaFile(
        "Subtítulos en español: una transferencia cálida", "warm-handoff.es.vtt", "document"
    ),
}
# Which Spanish captions stand in for which English ones (keys of the English MEDIA).
CAPTIONS = {"warm_handoff_captions": "warm_handoff_captions_es"}

PRIVATE = "No hay respuestas correctas ni incorrectas. Con unas cuantas frases sinceras basta."


WARNING_SIGNS = Course(
    title="Reconocer las señales de alerta de un regreso al consumo",
    slug="recognising-relapse-warning-signs",
    summary=(
        "Un regreso al consumo suele empezar mucho antes de consumir. Aprende a notar las "
        "primeras señales, a acompañar a una persona mientras traza su propio mapa de "
        "detonantes, a entender la abstinencia posaguda y a saber cuándo y cómo conectar a "
        "alguien con servicios de crisis."
    ),
    objectives=html(
        """
        <ul>
        <li>Describir el regreso al consumo como un proceso con etapas que se pueden
        reconocer.</li>
        <li>Usar HALT (hambre, enojo, soledad, cansancio) como una revisión rápida.</li>
        <li>Explicar la abstinencia posaguda con palabras sencillas.</li>
        <li>Ayudar a una persona a armar su propio mapa de detonantes.</li>
        <li>Reconocer una crisis y conectar a la persona con servicios de crisis.</li>
        </ul>
        """
    ),
    lessons_in_order=True,
    credits={"recovery-wellness-support": "6", "advocacy": "2", "ethical-responsibility": "2"},
    lessons=[
        Lesson(
            title="Un proceso, no un hecho aislado",
            slug="a-process-not-an-event",
            minutes=30,
            body=[
                text(
                    """
                    <p>Visto desde fuera, volver a consumir puede parecer algo repentino.
                    Las personas en recuperación suelen contarlo de otra manera: como un
                    deslizamiento poco a poco, que empezó en sus pensamientos, sus
                    emociones y sus rutinas días o semanas antes de consumir. Verlo como un
                    proceso da esperanza, porque en cada etapa las cosas todavía pueden
                    cambiar de rumbo. Cuanto antes se nota un cambio, más opciones tiene la
                    persona.</p>
                    <p>Las etapas que siguen son una forma común de describir ese
                    deslizamiento. No todo el mundo pasa por todas, ni en este orden. Úsalas
                    como un lenguaje en común con la persona que acompañas, no como una
                    lista para evaluarla.</p>
                    """
                ),
                callout(
                    "tip",
                    """
                    <p>Las señales de alerta no son predicciones. Todos tenemos semanas
                    difíciles. Fíjate en los patrones, comparte con cariño lo que ves y deja
                    que la persona decida qué significa para ella.</p>
                    """,
                ),
                warning_signs(
                    "Cómo se va gestando un regreso al consumo",
                    [
                        (
                            "Cambios por dentro",
                            "Más estrés o más nervios de lo normal. Vuelven viejas formas de "
                            "pensar, como “esto lo puedo resolver sin ayuda”. Cambios en el "
                            "sueño o en el apetito.",
                            "Nombra con suavidad lo que notas y pregunta cómo van las cosas: "
                            "“Me has dicho varias veces que duermes mal. ¿Cómo estás, de "
                            "verdad?”",
                        ),
                        (
                            "Negación",
                            "Decir que todo está bien cuando es claro que no. Quitarle "
                            "importancia a lo que preocupa a los demás, o irritarse cuando le "
                            "preguntan.",
                            "No discutas ni trates de demostrar nada. Refleja lo que escuchas "
                            "y deja la puerta abierta: “Parece que hoy prefieres no hablar de "
                            "eso. Aquí estoy cuando quieras.”",
                        ),
                        (
                            "Evitar y ponerse a la defensiva",
                            "Faltar a reuniones o citas, alejarse de sus apoyos, pasar más "
                            "tiempo a solas o con gente y en lugares ligados al consumo de "
                            "antes.",
                            "Busca a la persona en lugar de esperar. Pregúntale qué le impide "
                            "seguir en contacto y si le ayudaría verse a otra hora o de otra "
                            "manera.",
                        ),
                        (
                            "Se acumula una crisis",
                            "Problemas pequeños que se van amontonando: dificultades en el "
                            "trabajo o en casa, preocupaciones de dinero, planes que se caen, "
                            "la sensación de no poder con todo.",
                            "Ayuda a dividir los problemas en partes y a elegir un siguiente "
                            "paso. Pregunta en qué apoyos se puede sostener la persona esta "
                            "semana.",
                        ),
                        (
                            "Sensación de estancamiento",
                            "Dar vueltas en círculo, fantasear o esperar que las cosas se "
                            "arreglen solas en lugar de actuar, decir “¿para qué?”",
                            "Enfócate en algo pequeño que se pueda hacer hoy, y reconoce cada "
                            "paso que dé la persona.",
                        ),
                        (
                            "Confusión y reacciones desmedidas",
                            "Dificultad para pensar con claridad, cambios de humor, "
                            "irritabilidad, reacciones fuertes ante cosas pequeñas.",
                            "Mantén las conversaciones cortas y tranquilas. Revisa las "
                            "necesidades básicas (mira HALT en la próxima lección) y la "
                            "seguridad.",
                        ),
                        (
                            "Perder el control",
                            "Las ideas de consumir empiezan a sonar convincentes (“por una vez "
                            "no pasa nada”). Volver a las rutinas o a los contactos de antes.",
                            "Habla abiertamente del riesgo, sin hacerle sentir vergüenza. "
                            "Repasa con la persona el plan que preparó para este momento, "
                            "comparte información de reducción de daños y ayúdale a no "
                            "quedarse a solas. Si su seguridad corre peligro, conéctala con "
                            "apoyo en crisis.",
                        ),
                    ],
                ),
                text(
                    """
                    <p>A muchas personas les sirve identificar sus propias señales tempranas
                    cuando las cosas están en calma, y acordar cómo quieren que se las
                    menciones. Hay quien prefiere que le digas claramente lo que notas; otras
                    personas prefieren una pregunta abierta que les deje llegar a la idea por
                    su cuenta. Preguntar con tiempo es una forma de respetar su
                    decisión.</p>
                    """
                ),
                reflection(
                    "Piensa en una época difícil de tu propia vida. ¿Cuáles fueron las "
                    "primeras señales de que algo estaba cambiando? ¿Quién las notó primero?",
                    PRIVATE,
                ),
                takeaways(
                    "Volver a consumir suele ser un proceso que empieza antes de cualquier "
                    "consumo.",
                    "En cada etapa las cosas todavía pueden cambiar de rumbo.",
                    "Usa las etapas como un lenguaje en común, no como una lista de control.",
                    "Acuerda con tiempo cómo quiere la persona que le menciones lo que notas.",
                ),
            ],
        ),
        Lesson(
            title="HALT y la abstinencia posaguda",
            slug="halt-and-post-acute-withdrawal",
            minutes=30,
            body=[
                text(
                    """
                    <p>HALT es una forma rápida de revisarte: ¿tengo <b>hambre</b>?,
                    ¿siento <b>enojo</b>?, ¿siento <b>soledad</b>?, ¿tengo
                    <b>cansancio</b>? (Son las iniciales de esas palabras en inglés, y
                    “halt” quiere decir “alto”.) Estas necesidades básicas son fáciles de
                    pasar por alto, y cuando no se atienden, las ganas de consumir y las
                    viejas formas de pensar suelen hacerse más fuertes. HALT es tan sencillo
                    que se puede usar en medio de un día difícil, que es justo cuando más
                    hace falta. Vale la pena enseñárselo a las personas que acompañas, y
                    usarlo tú también.</p>
                    """
                ),
                warning_signs(
                    "HALT: cuatro revisiones rápidas",
                    [
                        (
                            "Hambre",
                            "Saltarse comidas, vivir a base de café, sentir temblores o una "
                            "irritabilidad que se puede confundir con ansiedad.",
                            "Pregunta cuándo comió por última vez. Averigua dónde hay comidas "
                            "gratuitas o de bajo costo cerca, y ten a mano algo sencillo de "
                            "comer si tu lugar de trabajo lo permite.",
                        ),
                        (
                            "Enojo",
                            "Un resentimiento que no se va, repasar una discusión una y otra "
                            "vez, frustración con los servicios, o echarse la culpa de todo.",
                            "Dale espacio a esa emoción sin juzgarla. Ayuda a la persona a "
                            "encontrar una forma segura de sacarla: una caminata, ponerla por "
                            "escrito, hablarla con alguien.",
                        ),
                        (
                            "Soledad",
                            "Aislarse, aun estando con gente. Menos llamadas o mensajes. "
                            "Sentir que nadie entiende.",
                            "Haz que la conexión sea algo concreto: una llamada, un grupo, una "
                            "actividad esta semana. La soledad es una de las fuerzas que más "
                            "empujan de vuelta a los viejos patrones.",
                        ),
                        (
                            "Cansancio",
                            "Dormir mal, turnos largos, cuidar de otras personas sin descansar.",
                            "Explora con la persona qué haría posible el descanso. El "
                            "cansancio baja todas las demás defensas.",
                        ),
                    ],
                ),
                heading("La abstinencia posaguda"),
                text(
                    """
                    <p>Cuando termina la primera fase de la abstinencia, la aguda, muchas
                    personas siguen teniendo síntomas que van y vienen durante semanas o
                    meses, mientras el cerebro y el cuerpo se reajustan. A esto se le suele
                    llamar abstinencia posaguda. Puede incluir:</p>
                    <ul>
                    <li>problemas para dormir, o dormir mucho más de lo normal;</li>
                    <li>ánimo bajo, ansiedad o irritabilidad;</li>
                    <li>dificultad para concentrarse o para recordar cosas;</li>
                    <li>poca energía y reacciones fuertes ante el estrés;</li>
                    <li>ganas de consumir que parecen salir de la nada.</li>
                    </ul>
                    <p>Los síntomas suelen llegar en oleadas, y pueden empeorar con el
                    estrés. Saber que esto es una parte común de la recuperación puede
                    aliviar el miedo de pensar “algo anda mal en mí” o “la recuperación no
                    funciona conmigo”. También ayuda a planificar: tareas cortas,
                    recordatorios por escrito, horarios regulares de comida y de sueño, y más
                    apoyo en los momentos de estrés.</p>
                    """
                ),
                callout(
                    "caution",
                    """
                    <p>En el apoyo entre pares no diagnosticamos ni damos consejos médicos.
                    Si los síntomas son fuertes, van empeorando o no tienes claro qué está
                    pasando, anima a la persona a hablar con su médico o con su equipo de
                    tratamiento, y ofrécete a ayudarle a hacer la llamada.</p>
                    """,
                ),
                story(
                    "Priya",
                    "Habla de problemas de sueño, ánimo bajo y olvidos al principio de la "
                    "recuperación. No describe el consumo.",
                    """
                    <p>Como a los dos meses, empecé a olvidarme de todo: de las citas, de
                    dónde había dejado las llaves, de para qué había entrado a un cuarto. No
                    dormía, y casi todos los días me sentía apagada. Pensaba que estaba
                    haciendo mal la recuperación, o que de ahora en adelante iba a ser
                    así.</p>
                    <p>Mi mentora de pares me contó que a mucha gente le pasa algo parecido
                    durante un tiempo, y que a ella se le fue quitando en unos cuantos
                    meses. Me ayudó a poner recordatorios en el celular y me animó a
                    contarle a mi médico lo del sueño. Solo saber que tenía nombre, y que no
                    era señal de fracaso, me quitó gran parte del miedo.</p>
                    """,
                ),
                reflection(
                    "¿Cuál de las cuatro necesidades de HALT se te pasa por alto con más "
                    "facilidad? ¿Qué cosa pequeña te ayuda a atenderla?",
                    PRIVATE,
                ),
                takeaways(
                    "HALT: revisa si hay hambre, enojo, soledad o cansancio.",
                    "La abstinencia posaguda es común y suele llegar en oleadas.",
                    "Ponerle nombre reduce el miedo; el personal de salud puede ayudar con los "
                    "síntomas fuertes.",
                ),
            ],
        ),
        Lesson(
            title="Mapas personales de detonantes",
            slug="personal-trigger-maps",
            minutes=35,
            body=[
                text(
                    """
                    <p>Un detonante es cualquier cosa que despierta las ganas de consumir o
                    los viejos patrones. Los detonantes son personales: la misma calle, la
                    misma canción o la misma época del año pueden no significar nada para
                    una persona y tener mucha fuerza para otra. Algunos sorprenden. Una
                    celebración, el día de pago o una buena noticia pueden tener tanta
                    fuerza como el estrés o el duelo.</p>
                    <p>Un mapa de detonantes los hace visibles. Pone a la persona en el
                    centro, muestra lo que puede arrastrarla y, algo igual de importante,
                    muestra lo que le da estabilidad.</p>
                    """
                ),
                image(
                    "trigger_map",
                    "Un mapa de detonantes: en el centro, “Yo, esta semana”, unido a cinco "
                    "círculos: Personas, Lugares, Sentimientos, Cuerpo (HALT) y Momentos y "
                    "fechas. Un recuadro abajo dice: lo que me da estabilidad, personas, "
                    "lugares, rutinas.",
                    "Un mapa de detonantes: la persona en el centro, alrededor lo que puede "
                    "arrastrarla, y abajo lo que le da estabilidad.",
                ),
                heading("Armar un mapa en conjunto"),
                text(
                    """
                    <ol>
                    <li><b>Explica para qué sirve y pide permiso.</b> El mapa es de la
                    persona. Ella decide qué va en él y quién lo ve.</li>
                    <li><b>Empieza por lo que le da estabilidad.</b> Comenzar por las
                    fortalezas y los apoyos hace que lo demás sea más fácil de hablar.</li>
                    <li><b>Recorre cada área</b> con preguntas abiertas: “¿Cuándo han sido
                    más fuertes las ganas de consumir? ¿Dónde estabas? ¿Quién estaba cerca?
                    ¿A qué hora del día fue?”</li>
                    <li><b>Para cada detonante, una respuesta.</b> Algunos detonantes se
                    pueden evitar, como cierto camino de regreso a casa. Otros, como las
                    emociones, no, así que el plan se trata de cómo enfrentarlos: a quién
                    llamar, qué hacer, adónde ir.</li>
                    <li><b>Acuerden cuándo volver a revisarlo.</b> Los detonantes cambian a
                    la par de la vida.</li>
                    </ol>
                    """
                ),
                download(
                    "trigger_map_worksheet",
                    "Mi mapa de detonantes (hoja de trabajo, en inglés)",
                    "Una hoja de una página para imprimir, que la persona puede llenar a solas "
                    "o contigo.",
                ),
                callout(
                    "tip",
                    """
                    <p>Vuelvan a mirar el mapa después de cambios grandes: un trabajo nuevo,
                    una mudanza, una pérdida o cuando se acerca un aniversario difícil.</p>
                    """,
                ),
                reflection(
                    "Llena un área de un mapa de detonantes para ti. ¿Qué notaste que no "
                    "habías puesto en palabras antes?",
                    PRIVATE,
                ),
                takeaways(
                    "Los detonantes son personales y pueden ser tanto momentos buenos como "
                    "difíciles.",
                    "Empieza el mapa de detonantes por lo que le da estabilidad a la persona.",
                    "A cada detonante, una forma de evitarlo o de enfrentarlo.",
                    "El mapa es de la persona; revísenlo cuando la vida cambie.",
                ),
            ],
        ),
        Lesson(
            title="Conectar a una persona con servicios de crisis",
            slug="connecting-a-peer-to-crisis-services",
            minutes=30,
            body=[
                callout(
                    "crisis",
                    """
                    <p>Si estás pensando en el suicidio, no te sientes a salvo o te preocupa
                    alguien en este momento, no tienes que terminar esta lección primero.
                    Pide ayuda ahora.</p>
                    """,
                ),
                text(
                    """
                    <p>Acompañar entre pares no es dar consejería en crisis, pero muchas
                    veces eres tú quien nota primero que algo pasa. Saber cuándo y cómo
                    conectar a alguien con apoyo en crisis, y quedarte a su lado mientras lo
                    haces, puede salvar una vida. Esta lección cubre qué observar y qué
                    hacer; el protocolo de crisis de tu organización te da los detalles de tu
                    zona.</p>
                    """
                ),
                heading("Señales de que alguien necesita apoyo en crisis ya"),
                text(
                    """
                    <ul>
                    <li>Hablar de querer morir, de no tener razones para vivir o de ser una
                    carga para los demás.</li>
                    <li>Tener un plan, o los medios a su alcance, para hacerse daño.</li>
                    <li>Señales de una posible sobredosis: la persona no despierta, respira
                    muy despacio o dejó de respirar, tiene los labios o las puntas de los
                    dedos azulados o grisáceos. Llama de inmediato a los servicios de
                    emergencia y usa naloxona si tienes la capacitación y la tienes a
                    mano.</li>
                    <li>Mucha confusión, o ver u oír cosas que los demás no perciben, con
                    gran angustia.</li>
                    <li>Amenazas de hacerle daño a otra persona.</li>
                    <li>Despedirse de la gente o regalar sus pertenencias.</li>
                    </ul>
                    """
                ),
                heading("Cómo conectar a alguien"),
                text(
                    """
                    <ol>
                    <li><b>Mantén la calma y no te vayas de su lado</b>, en persona o por
                    teléfono.</li>
                    <li><b>Pregunta directamente</b>: “¿Estás pensando en suicidarte?”
                    Preguntar no le mete la idea en la cabeza a nadie, y muchas veces trae
                    alivio.</li>
                    <li><b>Escucha sin juzgar</b> y toma en serio lo que te dice.</li>
                    <li><b>Sigue el protocolo de crisis de tu organización</b> y avísale a
                    tu persona supervisora.</li>
                    <li><b>Ofrece hacer la llamada en conjunto.</b> Una transferencia
                    cálida, en la que sigues en la línea o en el cuarto mientras la persona
                    habla con el servicio de crisis, funciona mucho mejor que solo darle un
                    número.</li>
                    <li><b>Si alguien corre peligro inmediato</b>, llama a los servicios de
                    emergencia.</li>
                    <li><b>Da seguimiento después</b> y cuídate tú también.</li>
                    </ol>
                    """
                ),
                heading("Así es una transferencia cálida", "h3"),
                video(
                    "Una transferencia cálida (12 segundos, sin sonido)",
                    "warm_handoff_video",
                    "warm_handoff_captions",
                    """
                    <p><i>El video muestra cuatro tarjetas con texto en inglés, de tres
                    segundos cada una, sobre un fondo verde tranquilo. No hay voz ni música.
                    Los subtítulos en español dicen lo mismo que cada tarjeta:</i></p>
                    <p><b>Una transferencia cálida.</b> Conectar a una persona con apoyo en
                    crisis y acompañarla mientras lo haces.</p>
                    <p><b>1. Quédate con la persona.</b> Mantén la calma, a su lado o en la
                    línea.</p>
                    <p><b>2. Hagan la llamada en conjunto.</b> “¿Llamamos ahora? Yo me quedo
                    aquí contigo.”</p>
                    <p><b>3. Da seguimiento.</b> Comunícate al día siguiente y cuídate tú
                    también.</p>
                    """,
                ),
                callout(
                    "caution",
                    """
                    <p>Nunca prometas guardar en secreto pensamientos de suicidio o de hacer
                    daño. Explica desde el principio, cuando empiezan a trabajar, en qué
                    casos tendrías que involucrar a otras personas, para que nunca sea una
                    sorpresa.</p>
                    """,
                ),
                story(
                    "Anónimo",
                    "Habla de pensamientos de suicidio y de una llamada a una línea de crisis. "
                    "No da detalles de métodos.",
                    """
                    <p>Llevaba semanas diciéndole a mi mentora de pares que “solo era
                    cansancio”. Una tarde me preguntó sin rodeos si estaba pensando en
                    quitarme la vida. Nadie me lo había preguntado nunca. Le dije que sí, y
                    lloré, y ella ni se inmutó.</p>
                    <p>Me preguntó si quería llamar a la línea de crisis con ella al lado.
                    Marcó, dijo quién era y que estaba conmigo, y luego me pasó el teléfono y
                    se quedó. Después me acompañó a la parada del autobús y me llamó a la
                    mañana siguiente. Sigo aquí, y todavía recuerdo lo tranquila que sonaba
                    su voz.</p>
                    """,
                ),
                heading("Antes de que llegue una crisis"),
                text(
                    """
                    <p>Conoce los números y servicios de crisis de tu zona, el protocolo de
                    tu organización y si llevas naloxona contigo. Anima a las personas que
                    acompañas a anotar contactos de crisis en su plan de recuperación
                    mientras las cosas están en calma, y a decidir a quién quieren que se
                    avise. Unos minutos de preparación hacen que un momento difícil sea mucho
                    más fácil de manejar bien.</p>
                    """
                ),
                reflection(
                    "Si una persona que acompañas estuviera en crisis esta noche, ¿a quién "
                    "contactarías primero? Anota los números y los pasos del protocolo de tu "
                    "organización.",
                    "Revísalos con tu persona supervisora y guárdalos donde puedas encontrarlos "
                    "rápido.",
                ),
                takeaways(
                    "Pregunta directamente por el suicidio; preguntar no le mete la idea en la "
                    "cabeza a nadie.",
                    "Ofrece una transferencia cálida: hagan la llamada en conjunto y quédate con "
                    "la persona.",
                    "Llama a los servicios de emergencia cuando alguien corra peligro inmediato.",
                    "Nunca prometas guardar en secreto un riesgo de daño.",
                ),
            ],
        ),
    ],
)


# The Spanish of each English demo course that has one, matched by slug.
COURSES = [WARNING_SIGNS]
