"""Find likely client identifiers in free text before it is saved.

A pure function of the text: `find_identifiers(text)` returns what it found
(kind + the matched text + where), so a form can show the learner exactly what
to rewrite. No model, no network: regular expressions and word lists.

It looks for
- email addresses and phone numbers (North American and international forms);
- dates of birth: a date or year next to "DOB", "born", "date of birth", "birthday";
- street addresses ("12 Oak Street", "Apt 4B", "PO Box 88", "IL 62704");
- record, case and ID numbers next to a cue ("case #2024-118", "MRN 55821",
  "ID: 4471", "his member number is 48213377"), any word holding six digits or
  more ("MC-7741902"), and social security numbers;
- personal names next to common cues: a title ("Mr. Lopez"), a role ("client
  Maria", "a peer named Sam", "his sister Ana"), an action ("met with Sarah",
  "drove Luis", "for Ruben"), a reporting verb ("Dana said", "Tremaine and I"),
  initials after a cue ("client J.D.") or with dots ("K.L. asked"), and common
  first names anywhere they are capitalised ("Sarah's resume");
- other capitalised words shaped like a name: an initial and a surname
  ("S. Nakamura"), an owner ("Hamid's apartment") and, in mid-sentence, where a
  capital is not owed to the sentence's start, a first name and a surname ("the
  woman I support, Marta Jiménez"), a word set off by commas ("Bed 17, Ofelia,
  needs") or followed by a verb ("; Esperanza talked").

It tries hard not to flag capitalised words that are not names: days, months,
holidays, meeting and program names ("Tuesday NA meeting", "SMART Recovery
group"), staff roles ("the Clinical Director"), labels before a number ("Room
12"), and places named after streets or people ("the Main Street clinic",
"St. Mary's Hospital"). It will still miss things and sometimes flag a harmless
word; that is why the learner can confirm the text holds no client information,
and why the form says plainly not to include any. How much it finds, and how
often it flags a harmless note, is measured on labelled notes
(tests/practice/data/identifier_notes.csv) and given in docs/architecture.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# --- What a finding is -----------------------------------------------------------------

NAME = "name"
INITIALS = "initials"
PHONE = "phone"
EMAIL = "email"
DATE_OF_BIRTH = "date_of_birth"
ADDRESS = "address"
RECORD_NUMBER = "record_number"

KIND_LABELS = {
    NAME: _("a person's name"),
    INITIALS: _("a person's initials"),
    PHONE: _("a phone number"),
    EMAIL: _("an email address"),
    DATE_OF_BIRTH: _("a date of birth"),
    ADDRESS: _("a street address"),
    RECORD_NUMBER: _("a record, case or ID number"),
}


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str
    start: int
    end: int

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


# --- Word lists (compared in lower case) -------------------------------------------------
# fmt: off

DAYS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "weekend", "weekday",
}
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}
HOLIDAYS = {
    "christmas", "easter", "thanksgiving", "hanukkah", "kwanzaa", "ramadan", "eid",
    "diwali", "passover", "halloween", "juneteenth", "memorial", "labor", "labour",
    "independence", "veterans", "new", "year", "years", "day", "eve", "holiday", "holidays",
}
# Words that start sentences or stand for people without naming them.
FUNCTION_WORDS = {
    "i", "i'm", "i've", "i'd", "we", "we're", "he", "she", "they", "it", "you", "me", "us",
    "him", "her", "them", "his", "hers", "their", "theirs", "our", "my", "your", "its",
    "the", "a", "an", "this", "that", "these", "those", "there", "here", "some", "any",
    "all", "both", "each", "every", "everyone", "everybody", "someone", "somebody",
    "anyone", "nobody", "no", "none", "one", "two", "three", "few", "several", "many",
    "most", "other", "others", "another", "and", "but", "or", "so", "also",
    "after", "before", "during", "while", "when", "where", "why", "how", "what", "who",
    "which", "if", "because", "since", "until", "as", "at", "on", "in", "to", "for",
    "from", "with", "without", "about", "by", "of", "over", "under", "again", "later",
    "today", "tonight", "yesterday", "tomorrow", "morning", "afternoon", "evening",
    "night", "week", "month", "first", "next", "last", "finally", "overall", "not",
    "yes", "ok", "okay", "thanks", "please", "hello", "hi", "great", "good", "very",
    "note", "notes", "topic", "topics", "total", "plan", "goal", "goals", "focus",
    "follow-up", "followup", "update", "summary", "reflection", "session", "sessions",
    "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "half",
    "then", "together", "sometimes", "often", "usually", "section", "chapter", "page",
    "step", "role", "roles", "skills", "skill", "practice", "self-care", "self",
    "lived", "experience", "story", "stories", "boundaries", "boundary", "trauma",
    "informed", "trauma-informed", "person-first", "strengths", "strengths-based",
}
# Recovery, health, services and platform vocabulary that is often capitalised.
PROGRAM_WORDS = {
    "aa", "na", "ca", "ma", "ga", "oa", "sa", "coda", "acoa", "al-anon", "alateen",
    "nar-anon", "smart", "recovery", "celebrate", "dharma", "refuge", "wellbriety",
    "alcoholics", "narcotics", "cocaine", "marijuana", "gamblers", "overeaters",
    "anonymous", "twelve", "step", "steps", "tradition", "traditions", "big", "book",
    "higher", "power", "god", "serenity", "prayer", "peer", "peers", "mentor", "mentors",
    "mentoring", "support", "supports", "specialist", "coach", "coaching", "coordinator",
    "supervisor", "supervision", "staff", "team", "volunteer", "volunteers",
    "facilitator", "facilitators", "counselor", "counsellor", "therapist", "nurse",
    "doctor", "physician", "case", "manager", "worker", "officer", "probation", "parole",
    "judge", "sponsor", "sponsors", "client", "clients", "patient", "patients",
    "participant", "participants", "member", "members", "attendee", "attendees",
    "resident", "residents", "guest", "guests", "family", "families", "group", "groups",
    "meeting", "meetings", "class", "workshop", "training", "orientation", "intake",
    "naloxone", "narcan", "mat", "moud", "suboxone", "buprenorphine", "methadone",
    "vivitrol", "naltrexone", "medicaid", "medicare", "snap", "wic", "ssi", "ssdi", "hud",
    "dmv", "id", "ged", "er", "ed", "icu", "halt", "paws", "wrap", "mi", "cbt", "dbt",
    "oars", "samhsa", "ic&rc", "hipaa", "cfr", "part", "zoom", "teams", "google", "meet",
    "facebook", "whatsapp", "signal", "uber", "lyft", "bus", "metro", "transit", "county",
    "city", "state", "federal", "court", "drug", "housing", "authority", "department",
    "health", "mental", "behavioral", "behavioural", "services", "service", "human",
    "social", "security", "administration", "salvation", "army", "goodwill", "red",
    "cross", "united", "way", "ymca", "ywca", "catholic", "charities", "food", "bank",
    "pantry", "crisis", "line", "hotline", "lifeline", "warmline", "988", "911", "211",
    "harm", "reduction", "wellness", "advocacy", "education", "ethics", "ethical",
    "responsibility", "domain", "domains", "english", "spanish", "french", "american",
    "african", "latino", "latina", "latinx", "hispanic", "asian", "native", "indigenous",
    "black", "white", "lgbtq", "lgbtq+", "pride", "covid", "covid-19", "hiv", "hcv",
    "hep", "ptsd", "adhd", "motivational", "interviewing", "stages", "change", "recovery-",
    "peerpath", "certified", "mentor's", "plan's", "person", "people", "youth",
    # Labels before a number: "Route 9", "Room 12", "Bed 4", "Exit 14".
    "route", "exit", "room", "bed", "floor", "suite", "level", "pod", "dorm", "gate",
}
ROLE_WORDS = {
    "client", "clients", "peer", "peers", "participant", "participants", "patient",
    "patients", "consumer", "consumers", "member", "members", "mentee", "mentees",
    "resident", "residents", "guest", "guests", "individual", "person", "youth",
    "veteran", "woman", "man", "lady", "guy", "gentleman", "girl", "boy", "teen",
    "teenager", "mom", "mother", "dad", "father", "son", "daughter", "wife", "husband",
    "partner", "boyfriend", "girlfriend", "brother", "sister", "aunt", "uncle", "cousin",
    "grandmother", "grandfather", "grandma", "grandpa", "friend", "roommate", "neighbor",
    "neighbour", "sponsee", "child", "kid", "niece", "nephew", "fiance", "fiancee",
    "spouse", "caregiver", "guardian",
}
# Job titles learners capitalise ("the Clinical Director", "our Program Manager"):
# staff roles, not names.
STAFF_WORDS = {
    "director", "manager", "administrator", "clinician", "clinical", "medical",
    "executive", "assistant", "navigator", "liaison", "advocate", "chaplain", "pastor",
    "priest", "reverend", "rabbi", "imam", "psychiatrist", "psychologist", "pharmacist",
    "receptionist", "clerk", "lead", "chief", "deputy", "sheriff", "sergeant", "detective",
    "attorney", "lawyer", "public", "defender", "paralegal", "landlord", "employer",
    "teacher", "instructor", "trainer", "principal", "aide", "technician", "outreach",
    "intake", "program", "aid", "first", "specialist", "officer", "caseworker",
}
# Phrases that name someone: "a peer named …", "her name is …".
NAMING_CUE = r"(?:named|called|nicknamed|goes\s+by|known\s+as|a\.?k\.?a\.?|name\s+(?:is|was))"
# Actions done with or to a person, followed directly by who.
ACTION_CUE = (
    r"(?:met\s+(?:up\s+)?with|met|meeting\s+with|spoke\s+(?:with|to)|speaking\s+(?:with|to)|"
    r"talked\s+(?:with|to)|talking\s+(?:with|to)|helped|helping|supported|supporting|"
    r"assisted|assisting|accompanied|drove|driving|visited|visiting|phoned|texted|"
    r"emailed|messaged|called|checked\s+in\s+(?:with|on)|followed\s+up\s+with|"
    r"mentored|coached|referred|connected|transported|introduced|encouraged|"
    r"sat\s+with|walked\s+with|worked\s+with|picked\s+up|dropped\s+off|"
    r"went\s+with|celebrated\s+with|prayed\s+with|gave|told|asked|reminded|thanked|"
    r"advocated\s+for|on\s+behalf\s+of|with|for|between|took|brought|escorted|"
    r"reconnected|checked\s+on|invited|welcomed|reassured|comforted|congratulated)"
)
TITLE_CUE = r"(?:Mr|Mrs|Ms|Mx|Miss|Mister|Dr|Prof)\.?"
REPORTING_VERBS = (
    r"(?:said|says|shared|shares|told|tells|disclosed|discloses|reported|reports|"
    r"admitted|admits|mentioned|mentions|explained|stated|relapsed|stated|texted|"
    r"called|wants|wanted|needs|needed|asked|is\s+(?:struggling|using|homeless|"
    r"pregnant|on\s+probation|in\s+treatment)|was\s+(?:arrested|released|discharged|"
    r"admitted|evicted))"
)
# What a place's or organisation's name ends with: a run of capitalised words
# ending in (or followed by) one of these is a place, not a person.
PLACE_WORDS = {
    "street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "lane", "ln",
    "drive", "dr", "court", "ct", "place", "pl", "way", "terrace", "circle", "highway",
    "hwy", "parkway", "pkwy", "square", "sq", "trail", "plaza", "park", "clinic",
    "center", "centre", "hospital", "house", "home", "shelter", "church", "chapel",
    "temple", "mosque", "synagogue", "library", "school", "academy", "college",
    "university", "campus", "hall", "cafe", "café", "coffee", "restaurant", "diner",
    "market", "store", "shop", "pharmacy", "program", "programme", "project",
    "foundation", "services", "service", "department", "office", "agency", "ministry",
    "ministries", "mission", "village", "apartments", "towers", "tower", "building",
    "station", "terminal", "jail", "prison", "detention", "facility", "ward",
    "unit", "group", "meeting", "meetings", "fellowship", "club", "society",
    "association", "alliance", "coalition", "network", "collective", "institute",
    "county", "city", "town", "township", "district", "valley", "heights", "hills",
    "gardens", "commons", "lodge", "inn", "hotel", "motel", "gym", "ymca", "ywca",
    "pantry", "bank", "kitchen", "courthouse", "team", "crew", "board",
}
# Given names common in North America and Europe that are not also everyday
# words or places (so "Hope", "Grace", "Will", "Jordan", "Austin" are left out).
COMMON_FIRST_NAMES = {
    "aaliyah", "aaron", "abigail", "adam", "adrian", "aidan", "alan", "albert", "alejandro",
    "alex", "alexander", "alexandra", "alexis", "alice", "alicia", "alison", "allison",
    "alyssa", "amanda", "amber", "amelia", "amy", "ana", "andre", "andrea", "andrew",
    "angela", "angelica", "anna", "anne", "anthony", "antonio", "ashley", "barbara",
    "benjamin", "beth", "betty", "blake", "brandon", "brenda", "brian", "brianna",
    "brittany", "bruce", "bryan", "caleb", "cameron", "carl", "carlos", "carmen", "carol",
    "caroline", "carolyn", "catherine", "chad", "charles", "cheryl", "chris", "christian",
    "christina", "christine", "christopher", "cindy", "claire", "cody", "connor", "craig",
    "cynthia", "daniel", "danielle", "darius", "darnell", "david", "deborah", "debra",
    "denise", "dennis", "derek", "diana", "diane", "diego", "dominic", "donald", "donna",
    "dorothy", "douglas", "dylan", "edward", "elena", "elijah", "elizabeth", "ellen",
    "emily", "emma", "eric", "erica", "erin", "ethan", "evan", "evelyn", "fernando",
    "frank", "gabriel", "gabriela", "gary", "george", "gerald", "gloria", "gregory",
    "hannah", "harold", "heather", "helen", "henry", "isaac", "isabel", "isabella",
    "jacob", "jacqueline", "jake", "james", "jamal", "jamie", "jane", "janet", "jared",
    "jason", "javier", "jeffrey", "jennifer", "jeremy", "jerry", "jesse", "jessica",
    "jesus", "joan", "joe", "joel", "john", "johnny", "jonathan", "jorge", "jose",
    "joseph", "joshua", "joyce", "juan", "judith", "judy", "julia", "julie", "justin",
    "karen", "katherine", "kathleen", "kathryn", "kayla", "keith", "kelly", "kenneth",
    "kevin", "kimberly", "kyle", "latoya", "laura", "lauren", "lawrence", "leah",
    "linda", "lisa", "logan", "lori", "louis", "lucas", "luis", "luke", "madison",
    "marcus", "margaret", "maria", "marie", "marilyn", "mario", "martha", "martin",
    "mary", "matthew", "megan", "melissa", "michael", "michelle", "miguel", "mike",
    "monica", "nancy", "natalie", "nathan", "nicholas", "nicole", "noah", "olivia",
    "omar", "pamela", "patricia", "patrick", "paul", "peter", "philip", "rachel",
    "ralph", "randy", "raymond", "rebecca", "richard", "ricardo", "robert", "roberto",
    "ronald", "roy", "russell", "ryan", "samantha", "samuel", "sandra", "sara", "sarah",
    "scott", "sean", "sergio", "sharon", "shawn", "shirley", "sophia", "stephanie",
    "stephen", "steven", "susan", "tamika", "tanya", "teresa", "terry", "thomas",
    "tiffany", "timothy", "tyler", "tyrone", "valerie", "vanessa", "victor", "victoria",
    "vincent", "virginia", "walter", "wayne", "william", "zachary",
}
# Capitalised acronyms that are never a person's initials.
ACRONYMS = {
    "AA", "NA", "CA", "MA", "GA", "OA", "SA", "ER", "ED", "ICU", "ID", "MAT", "MOUD",
    "MI", "CBT", "DBT", "HIV", "HCV", "PTSD", "ADHD", "SSI", "SSDI", "SNAP", "WIC",
    "HUD", "DMV", "GED", "IOP", "PHP", "OTP", "DOC", "PO", "CPS", "DCFS", "VA", "US",
    "USA", "UK", "TV", "PM", "AM", "OK", "ASAP", "FAQ", "CEO", "HR", "IT", "EMS", "EMT",
    "NP", "RN", "LPN", "MSW", "LCSW", "CADC", "CPRS", "CRPS", "CRS", "PRS", "RSPS",
    "HALT", "PAWS", "WRAP", "OARS", "SMART", "CODA", "ACOA", "YMCA", "YWCA", "LGBTQ",
    "SAMHSA", "HIPAA", "CFR", "GPS", "ATM", "ZIP", "PDF", "CPR", "ROI", "UA", "PPE",
}

# fmt: on

# --- Regular expressions -------------------------------------------------------------------

EMAIL_RE = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)

_EXT = r"(?:\s*(?:ext\.?|x|extension)\s*\d{1,5})?"
PHONE_RES = [
    # North American: 555-123-4567, (555) 123 4567, 555.123.4567, +1 555 123 4567, 5551234567
    re.compile(
        r"(?<![\w.+/-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}"
        + _EXT
        + r"(?![\w/]|[.-]\d)"
    ),
    # International: +44 20 7946 0958, +33 1 23 45 67 89
    re.compile(r"(?<![\w+])\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,6}" + _EXT + r"(?![\w/]|[.-]\d)"),
    # A local seven-digit number: 555-1234
    re.compile(r"(?<![\w.:/-])\d{3}[-.]\d{4}(?![\w/]|[.:-]\d)"),
]

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"  # 3/14/1988, 14.03.88
    r"|\d{4}-\d{1,2}-\d{1,2}"  # 1988-03-14
    r"|" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?(?:\s+\d{4})?"  # March 14, 1988
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?(?:\s+\d{4})?"  # 14 March 1988
    r"|" + _MONTH + r",?\s+(?:19|20)\d{2}"  # March 1988
    r"|(?:19|20)\d{2})"  # 1988
)
_BIRTH_CUE = (
    r"(?:d\.?\s?o\.?\s?b\.?|date\s+of\s+birth|birth\s*date|birthday(?:\s+is|\s+was)?|"
    r"born(?:\s+on|\s+in)?|b-day)"
)
# "DOB 3/14/1988", "date of birth (4/17/72)": brackets kept whole in what is shown.
_BIRTH_DATE = r"(?:\(" + _DATE + r"\)|" + _DATE + r"\b)"
DOB_RES = [
    re.compile(r"\b" + _BIRTH_CUE + r"\s*(?:[:=,-]|is|was|of)?\s*" + _BIRTH_DATE, re.I),
    re.compile(r"\b(" + _DATE + r")\s*\(?\s*(?:d\.?o\.?b\.?|date\s+of\s+birth)\b\)?", re.I),
]

_STREET_SUFFIX = (
    r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|place|pl|"
    r"way|terrace|ter|circle|cir|highway|hwy|parkway|pkwy|square|sq|trail|trl|plaza)"
)
STREET_RE = re.compile(
    r"\b\d{1,6}[A-Za-z]?(?:-\d{1,4})?\s+"  # house number: 12, 12B, 12-14
    r"((?:[A-Za-z0-9][\w'.-]*\s+){1,4}?)"  # street name words
    + _STREET_SUFFIX
    + r"\b\.?(?:,?\s*(?:apt|apartment|unit|suite|ste|#)\.?\s*#?\s*\w+)?",
    re.I,
)
# Words that show the number before them counts something, not a house.
# fmt: off
STREET_STOP_WORDS = {
    "hour", "hours", "hr", "hrs", "minute", "minutes", "min", "mins", "day", "days", "week",
    "weeks", "month", "months", "year", "years", "time", "times", "people", "person", "peers",
    "peer", "participants", "participant", "clients", "client", "members", "member", "folks",
    "attendees", "men", "women", "kids", "youth", "blocks", "block", "miles", "mile", "km",
    "stops", "stop", "calls", "call", "sessions", "session", "meetings", "meeting", "groups",
    "group", "steps", "step", "of", "the", "a", "an", "at", "on", "in", "to", "for", "from",
    "with", "and", "or", "by", "near", "down", "up", "along", "across", "around", "past",
    "toward", "towards", "into", "onto", "off", "out", "over", "via", "than", "more", "less",
    "about", "each", "other", "different", "same", "new", "old", "this", "that", "these",
    "those", "my", "our", "their", "his", "her", "we", "they", "i", "he", "she", "it", "was",
    "were", "is", "are", "went", "walked", "drove", "met", "spent", "did", "had",
}
# fmt: on
UNIT_RE = re.compile(r"\b(?:apt|apartment)\.?\s*#?\s*\d+[A-Za-z]?\b", re.I)
PO_BOX_RE = re.compile(r"\bP\.?\s?O\.?\s*Box\s+\d+\b", re.I)
STATE_ZIP_RE = re.compile(r"\b[A-Z]{2},?\s+\d{5}(?:-\d{4})?\b")
ZIP4_RE = re.compile(r"(?<![\w-])\d{5}-\d{4}(?![\w-])")

_RECORD_NOUN = (
    r"(?:case|file|chart|record|docket|claim|policy|member|client|patient|participant|"
    r"account|medicaid|medicare|insurance|booking|inmate|doc|license|licence|passport|"
    r"reference|ref|id|identification|hmis)"
)
_RECORD_MARKER = r"(?:\s*(?:no\.?|number|num\.?|#|id)(?:\s*[:#]|\s+(?:is|was))?|\s*[:#])"
_RECORD_TOKEN = r"([A-Za-z0-9][A-Za-z0-9-]*\d[A-Za-z0-9-]*)"
RECORD_RES = [
    re.compile(r"\b" + _RECORD_NOUN + _RECORD_MARKER + r"\s*" + _RECORD_TOKEN, re.I),
    re.compile(r"\b(?:MRN|SSN|SIN|NHS|EIN)\b\s*[:#]?\s*" + _RECORD_TOKEN),
    re.compile(r"(?<![\w&])#\s?\d{4,}\b"),
    re.compile(r"(?<![\w-])\d{3}([ -])\d{2}\1\d{4}(?![\w-])"),  # social security number
]
# Any word holding six digits or more ("48213377", "MC-7741902", "2025-DR-00731"):
# in a note about practice, a number that long identifies someone or something of
# theirs. Dates and spans of years are not counted.
LONG_NUMBER_RE = re.compile(r"(?<![\w./:-])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![\w-]|[./:]\d)")
NOT_A_RECORD_RE = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{2,4}|(?:19|20)\d{2}(?:-(?:19|20)\d{2})+"
)

# A capitalised word (O'Brien, Mary-Jane, José), initials (J. / J.D. / JD) or a
# single capital ("Mr. S").
_CAP_WORD = (
    r"(?:[A-Z]\.(?:\s?[A-Z]\.)*"
    r"|(?:[A-Z]['’])?[A-Z][a-zà-öø-ÿ]+(?:[A-Z][a-zà-öø-ÿ]+)?(?:['’-][A-Za-zà-öø-ÿ]+)*"
    r"|[A-Z]{2,3}(?![\w'’])"
    r"|[A-Z](?![\w'’]))"
)
CAP_RUN_RE = re.compile(r"(?<![\w'’.-])" + _CAP_WORD + r"(?:\s+" + _CAP_WORD + r"){0,3}(?![\w'’-])")
TOKEN_RE = re.compile(r"[A-Z]\.|(?:[A-Z]['’])?[A-Z][\wà-öø-ÿ'’-]*")
INITIALS_RE = re.compile(r"^(?:[A-Z]\.\s?){1,3}$|^[A-Z]{1,3}$")
TITLES = {"mr", "mrs", "ms", "mx", "miss", "mister", "dr", "prof"}
SAINT_BEFORE_RE = re.compile(r"\b(?:St|Saint|Mt|Fort|Ft|Lake|Port|San|Santa|Los|Las)\.?\s*$")

CUE_BEFORE_RES = [
    # "Mr. Lopez", "Dr Khan"
    ("title", re.compile(r"\b" + TITLE_CUE + r"\s*$")),
    # "client Maria", "a peer named Sam", "her sister, Ana", "peer (J.D.)"
    (
        "role",
        re.compile(
            r"\b(?:" + "|".join(sorted(ROLE_WORDS, key=len, reverse=True)) + r")"
            r"(?:['’]s)?\s*[,:(-]?\s*(?:" + NAMING_CUE + r"\s*:?\s*)?$",
            re.I,
        ),
    ),
    ("naming", re.compile(r"\b" + NAMING_CUE + r"\s*:?\s*$", re.I)),
    ("action", re.compile(r"\b" + ACTION_CUE + r"\s+$", re.I)),
]
REPORTING_AFTER_RE = re.compile(
    r"^(?:['’]s)?\s+(?:" + REPORTING_VERBS + r"|and\s+(?:I|me|his|her|their)\b)\b", re.I
)
# Any verb after a capitalised word in mid-sentence ("; Esperanza talked", "so
# Octavia would"): there, capitals mark names. Not at a sentence's start, where
# "Lunch was late" or "Traffic held us up" are not about anyone.
VERB_AFTER_RE = re.compile(
    r"^\s+(?:is|was|has|had|would|will|could|can|did|does|got|went|came|felt|seems|seemed|"
    r"stayed|left|kept|made|took|gave|knows|knew|thinks|thought|[a-z]{2,}ed)\b"
)
# A run set off by commas in mid-sentence: "the woman I support, Marta, got".
APPOSITION_RE = re.compile(r",\s*$")
SENTENCE_START_RE = re.compile(r"(?:^|[.!?:\n])[\s\"'“‘(]*$")


# --- The detectors -----------------------------------------------------------------------


def _findings(kind: str, regex: re.Pattern, text: str) -> list[Finding]:
    found = []
    for match in regex.finditer(text):
        found.append(Finding(kind, match.group(0).strip(), match.start(), match.end()))
    return found


def _phones(text: str) -> list[Finding]:
    found = []
    for regex in PHONE_RES:
        for match in regex.finditer(text):
            digits = re.sub(r"\D", "", match.group(0).split("x")[0].split("ext")[0])
            if regex is PHONE_RES[1] and not 8 <= len(digits) <= 15:
                continue
            found.append(Finding(PHONE, match.group(0).strip(), match.start(), match.end()))
    return found


def _streets(text: str) -> list[Finding]:
    found = []
    position = 0
    while match := STREET_RE.search(text, position):
        words = [word.lower().strip(".,'’") for word in match.group(1).split()]
        if any(word in STREET_STOP_WORDS for word in words):
            # "unit 14 at 3300 Lakeshore Dr": look again from the next number.
            position = match.start() + 1
            continue
        found.append(Finding(ADDRESS, match.group(0).strip(), match.start(), match.end()))
        position = match.end()
    return found


def _long_numbers(text: str) -> list[Finding]:
    found = []
    for match in LONG_NUMBER_RE.finditer(text):
        word = match.group(0)
        if sum(char.isdigit() for char in word) >= 6 and not NOT_A_RECORD_RE.fullmatch(word):
            found.append(Finding(RECORD_NUMBER, word, match.start(), match.end()))
    return found


def _names(text: str) -> list[Finding]:
    found = []
    for match in CAP_RUN_RE.finditer(text):
        tokens = [
            (token.group(0), match.start() + token.start())
            for token in TOKEN_RE.finditer(match.group(0))
        ]
        if not tokens or _is_a_place(text, match, tokens):
            continue
        index = 0
        while index < len(tokens):
            if _not_a_name(tokens[index][0]):
                index += 1
                continue
            end = index
            while end < len(tokens) and not _not_a_name(tokens[end][0]):
                end += 1
            finding = _name_in(text, tokens[index:end])
            if finding:
                found.append(finding)
            index = end
    return found


def _is_a_place(text: str, match: re.Match, tokens) -> bool:
    """A run of capitalised words that names a place or organisation: it ends in a
    place word ("Main Street", "Hope House"), a place word follows it ("the Main
    Street clinic"), or a saint's or town's prefix comes before it ("St. Mary's")."""
    last = _bare(tokens[-1][0])
    if last in PLACE_WORDS:
        return True
    possessive = match.group(0).endswith(("'s", "’s"))
    next_word = re.match(r"\s+([\w'’-]+)", text[match.end() :])
    if next_word and next_word.group(1).lower() in PLACE_WORDS and not possessive:
        return True
    return bool(SAINT_BEFORE_RE.search(text[: match.start()]))


def _name_in(text: str, tokens) -> Finding | None:
    """The name among consecutive name-like words, if something marks it as one:
    a cue before it, a common first name, a reporting verb after it; or, where a
    capital is not owed to a sentence's start, what stands around it."""
    end_word, end_at = tokens[-1]
    end = end_at + len(end_word)
    after = text[end:]
    before = text[: tokens[0][1]]
    mid_sentence = not SENTENCE_START_RE.search(before)
    reported = bool(REPORTING_AFTER_RE.match(after)) or _shaped_like_a_name(
        tokens, before, after, mid_sentence
    )
    for offset, (word, at) in enumerate(tokens):
        candidate = text[at:end]
        candidate = re.sub(r"['’]s$", "", candidate)
        compact = candidate.replace(".", "").replace(" ", "")
        initials = bool(INITIALS_RE.match(candidate))
        if initials and compact in ACRONYMS:
            continue
        cue = _cue_before(text[max(0, at - 60) : at])
        if initials:
            # Initials only count next to a cue: "NA" or "OK" alone are not people,
            # and a lone capital needs a title or a role ("Mr. S", "client R.").
            strong = cue in ("title", "role", "naming")
            dotted = len(compact) > 1 and "." in candidate  # "K.L.": a person's, not an acronym
            if (len(compact) == 1 and strong) or (len(compact) > 1 and (cue or reported or dotted)):
                return Finding(INITIALS, candidate, at, at + len(candidate))
            continue
        known = _bare(word) in COMMON_FIRST_NAMES
        if cue or known or (reported and offset == 0):
            candidate = candidate.rstrip(".")
            return Finding(NAME, candidate, at, at + len(candidate))
    return None


def _shaped_like_a_name(tokens, before: str, after: str, mid_sentence: bool) -> bool:
    """What marks a run of unlisted capitalised words as a name without a cue word:
    an initial and a surname ("S. Nakamura") or an owner ("Hamid's apartment")
    anywhere; in mid-sentence also a first name and a surname ("Marta Jiménez"),
    commas around it ("Bed 17, Ofelia, needs") or a verb after it ("so Octavia
    would")."""
    first = tokens[0][0]
    if len(tokens) > 1 and re.fullmatch(r"[A-Z]\.", first):
        return True
    if tokens[-1][0].endswith(("'s", "’s")) and re.match(r"\s+[a-z]", after):
        return True
    if not mid_sentence or INITIALS_RE.match(first):
        return False
    return (
        len(tokens) > 1
        or (bool(APPOSITION_RE.search(before)) and after.startswith(","))
        or bool(VERB_AFTER_RE.match(after))
    )


def _bare(token: str) -> str:
    return re.sub(r"['’]s$", "", token.lower().strip(".,"))


def _not_a_name(token: str) -> bool:
    if token in ("I", "A"):
        return True  # the pronoun and the article; "A." is still an initial
    if re.fullmatch(r"(?:[A-Z]\.)+|[A-Z]", token):
        return False  # initials
    if token.isupper() and len(token) > 1:
        return token in ACRONYMS
    word = _bare(token)
    parts = word.split("-")
    return any(
        part in DAYS
        or part in MONTHS
        or part in HOLIDAYS
        or part in FUNCTION_WORDS
        or part in PROGRAM_WORDS
        or part in ROLE_WORDS
        or part in PLACE_WORDS
        or part in TITLES
        or part in STAFF_WORDS
        or _looks_like_a_verb(part)
        for part in parts
    )


def _looks_like_a_verb(word: str) -> bool:
    """Sentence-opening verbs and adverbs ("Helped", "Facilitating", "Afterwards"):
    endings no common given name has."""
    if word in COMMON_FIRST_NAMES:
        return False
    return len(word) > 4 and word.endswith(("ed", "ing", "ly", "wards"))


def _cue_before(before: str) -> str | None:
    for name, regex in CUE_BEFORE_RES:
        if regex.search(before):
            return name
    return None


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    """Keep the first finding of each stretch of text (detectors run most specific
    first), then sort by position."""
    kept: list[Finding] = []
    for finding in findings:
        if any(finding.start < other.end and other.start < finding.end for other in kept):
            continue
        kept.append(finding)
    return sorted(kept, key=lambda finding: finding.start)


def find_identifiers(text: str) -> list[Finding]:
    """Likely client identifiers in `text`, in the order they appear."""
    if not text or not text.strip():
        return []
    findings: list[Finding] = []
    findings += _findings(EMAIL, EMAIL_RE, text)
    for regex in DOB_RES:
        findings += _findings(DATE_OF_BIRTH, regex, text)
    for regex in RECORD_RES:
        findings += _findings(RECORD_NUMBER, regex, text)
    findings += _phones(text)
    findings += _streets(text)
    for regex in (UNIT_RE, PO_BOX_RE, STATE_ZIP_RE, ZIP4_RE):
        findings += _findings(ADDRESS, regex, text)
    findings += _long_numbers(text)
    findings += _names(text)
    return _without_overlaps(findings)


def describe(findings: list[Finding]) -> list[str]:
    """Person-facing lines: 'what may be a phone number: “555-0101”'."""
    return [
        gettext("what may be %(label)s: “%(text)s”")
        % {"label": finding.label, "text": finding.text}
        for finding in findings
    ]
