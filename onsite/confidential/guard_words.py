"""Ordinary words that are also names, for the attribution guard.

A participant's surname on its own is reported only when it is distinctive: four letters or
more and not an ordinary English word, so that "Ward", "Young", "Hope" or "Field" alone do
not flood every report (their full names, titles and initials are still caught). The list
leans towards words that are also British surnames or forenames, then common words and the
vocabulary of health and care systems and councils. Lower case, accents removed.
"""

from __future__ import annotations

_SURNAME_WORDS = """
abbot able acre alder angel archer arm arrow ash ashes bacon bailiff baker ball bank banks
banner barber bard barley barn barns baron barrow bass batch bath beach beacon bean bear
beard beck bell bells bench berry best bird birds bishop black blacksmith blade blank
bliss bloom blossom blue boat bolt bond bone bones booth boss bottom bough bow bower bowl
bowler bowman box brace bracken brain bramble branch brand brass bray brewer brick bridge
bridges bright brook brooke brooks broom brown brush buck buckle budd bull bullock bunker
burden burn burns burrow bush butcher butler butt button caller can candle cane cannon
cant cape card carpenter carrier carter cart carver case cash castle cave chalk chamber
chambers chance chancellor chandler chapel chaplain charity chase cheek cherry child
childs chip christian church clay clear clement cliff close cloud coat cock coke collar
collier colt comfort constable cook cooper copper corner cotton council court courts
cousin cover cox crab crane crisp croft crook cross crow crowe crown curtain cutler dale
dance dancer dare darling dash dawn day dean deans deer dell devil dew diamond doe dove
dover down downs drake draper drew drink driver drum duck duke dyer eagle earl early east
easter eaves edge edges elm english eve fair fairweather faith falcon farmer farrow fate
fell fellow fellows fence field fields fish fisher flag flint flood flower flowers foot
ford forest forester forge fortune foster fountain fowler fox frank free freeman friend
frost fry fuller gale game gamble garden gardener gardner gate gates gay gentle gentry
gill glass glover gold golden good goodman goose grace grain grant grass gray green grey
grove groves guard guest gun hale hall hammer hand hands hardy hare harper hart harvest
hatch hatcher hawk hay hayes head heal heart heath hedge hedges herd heron hill hills hind
holder hole holly home hood hook hope horn horner horse house hull hunt hunter ice ink
iron irons ivy jack jay jolly joy judge keen keeper kettle key keys kind king kings kirk
kitchen knight lake lamb lance land lane lark law laws lea leach lead leaf lee lemon lent
light lily lime linen lion little lock lodge long lord lot love low lucky mace maiden
major manners manor marble mark marks marsh marshall mason master masters matron may mayor
mead meadow meadows merchant merry mill miller mills miner mint mist moon moore moor
morning moss mould mount mountain mower nail needle nest new newman nice noble north nurse
oak oaks orange orchard page park parker parks parson partridge pass patience payne peace
peacock pearl peck penny pepper person pike piper plant plum plumb pole pond pool poole
pope porter post potter pound power prance pride priest prince prior proud punch purse
quick rain ram range raven ray read reader reed reeve rice rich ridge ring rivers road
robin rock rolls rook room root rose rough royal rush sage salmon salt sand savage saw
sawyer scales seal sea seed sergeant sexton shadow sharp sheaf shelf shepherd shield shine
ship shore short silver simple singer skinner slate slater sleep small smart snow soul
south spark sparks sparrow speed spring squire stable stag stall standing stark steel
stern steward still stock stocks stone stones storey storm stout strange straw street
strong summer summers swallow swan sweet swift tailor tanner temple thatcher thorn thorne
thrower tidy tiller tinker toll tower towers town trader tree trees trench trim trip
trotter trout true tuck tucker turner twin vale valentine vicar vine vines wade wake
walker wall waller walls ward warden ware warner warren wash waters watt way weaver well
wells west whistle white wild will wills wing winter wise wolf wolfe wood woods woodward
wool worth wren wright yard yates young
"""

_COMMON_WORDS = """
about above accept access account across action actions active activity actually added
address adult adults advice after again against agency agenda agree agreed ahead aims
align allow almost alone along already also although always among amount analysis another
answer anyone anything appear apply approach april area areas around arrange arrival asked
assess assessment attend attention audit august authority available average avoid aware
away back balance base based basis became because become been before began begin behind
being believe below benefit better between beyond bill board body book both brief bring
broad budget build building built business busy call called calls came capacity care cared
career carers cares caring carried carry cases cause centre certain chair chairs change
changed changes check chief choice choose citizens city claim clarity class clean clearly
client clients clinical closer coast cold colleague colleagues come comes coming commission
common communities community companies company complete concern concerns consider contact
continue contract control core cost costs could county couple course cover create culture
current daily data date days deal dear debt december decide decision decisions deep deliver
delivery demand department deputy design detail develop development different difficult
digital direct direction director directors discharge discuss doctor doctors does doing done
door double during each early ease easy economy effect effective effort either else email
emerging employ empty enable encourage energy engage enough ensure enter entire equal
especially even evening event events ever every everyone evidence exactly example excellent
executive exist expect experience explain face fact fail fall family far fast father fear
february feedback feel felt few figure final finance financial find finding findings fine
finish first five fixed focus follow food force form formal former forward found four frail
friday from front full fully fund funding further future gaps general give given giving goal
goes going gone governance government great ground group groups grow growth half handle
happen happy hard have having health hear heard hearing held help helpful here high himself
hold hospital hour hours however human idea ideas impact important improve improvement
include including increase independent indeed inform information inside instead integrated
into involve issue issues item items itself january job join joint july june just keep kept
kind know known large last late later learn learning least leave leaders leadership left
legal less letter level life like likely line lines link list listen live lives living
local look looking lose loss made main make makes making manage management manager managers
many march market matter maybe mean means measure medical meet meeting meetings member members
mental middle might mind model moment monday money month months more most mother move much
must name national near need needs network never news next night none normal note notes
nothing notice november number offer office officer officers officials often once only open
operate order other others ought outcome outcomes over own owner paid paper part partner
partners party patient patients people perhaps period person place plan planning plans play
please plus point points policy poor position possible practice present press pressure
pretty primary priority private probably problem problems process produce programme progress
project proper provide provider providers public purpose quality quarter question questions
quite rather reach ready real really reason recent record reduce region report reports
require research resident residents resource resources response rest result results return
review right risk role roles round run running safe same saturday saying school second
sector secure seen sense september serve service services session sessions several shall
share shared sheet should show shows side sign since single site sister sisters skills
social some someone something sometimes soon sort sound source space speak special spend
staff stage start state statement stay step steps stop story strategy stream strength
strengths structure study style subject success such suggest sunday supply support sure
system systems table take taken talk team teams tell tend term terms test tested than thank
that their them then there these they thing things think third this those though three
through thursday time times today together told took total toward towards track training
trust trusts truth tuesday turn under understand unit until upon urgent used useful user
users using usual value various very view views visit voice voices vulnerable wait waiting
want ward wards watch water ways week weekly weeks welcome well went were what whatever when
where whether which while whole whom whose wide will window winter with within without word
words work worked worker workers workforce working works world worry would write year years
yesterday your
"""

# Ordinary words that are also surnames, found missing from the lists above.
_MORE_ORDINARY = """
sterling pace tall price sands spear springs stack stamp star trump tweed twist yeoman swift
sharp steel strong sweet rich bolt wise stone wood woods summer summers short small white
"""

COMMON_WORDS: frozenset[str] = frozenset((_SURNAME_WORDS + _COMMON_WORDS + _MORE_ORDINARY).split())

# Words that, next to an ordinary word written with a capital, show it is used as a name:
# after it ("Will said", "Hope from the trust") or before it ("with Will", "asked Hope").
CONTEXT_AFTER = frozenset(
    """said says saying told tells thinks thought felt feels explained
mentioned described agreed noted argued suggested reported added raised stressed admitted
claimed believes believed from who herself himself""".split()
)
CONTEXT_BEFORE = frozenset("with asked told thanked met interviewed by".split())

# Words of an organisation's name that say what kind it is, not where: the rest is its place.
GENERIC_ORG_WORDS = frozenset(
    """the of and for council councils borough county city district
metropolitan trust foundation nhs icb ics ccg hospital hospitals university teaching
integrated care board partnership community health healthcare services service social
general royal mental group limited ltd cic primary network pcn practice surgery""".split()
)

# Characters that show nothing but can split a name so that it is not seen.
INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d"
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063"
    "\u2064\u2066\u2067\u2068\u2069\u3164\ufeff\uffa0"
)

# Letters of other scripts that look like Latin ones (after case folding): a name written
# with a Cyrillic "о" or a Greek "ο" reads the same to a person, so the guard reads it so.
LOOKALIKES = {
    "\u0430": "a",
    "\u0432": "b",
    "\u0435": "e",
    "\u0451": "e",
    "\u043a": "k",
    "\u043c": "m",
    "\u043d": "h",
    "\u043e": "o",
    "\u0440": "p",
    "\u0441": "c",
    "\u0442": "t",
    "\u0443": "y",
    "\u0445": "x",
    "\u0456": "i",
    "\u0457": "i",
    "\u0458": "j",
    "\u0455": "s",
    "\u0501": "d",
    "\u051b": "q",
    "\u051d": "w",
    "\u04bb": "h",
    "\u0261": "g",
    "\u0131": "i",
    "\u03b1": "a",
    "\u03b2": "b",
    "\u03b5": "e",
    "\u03b7": "n",
    "\u03b9": "i",
    "\u03ba": "k",
    "\u03bc": "u",
    "\u03bd": "v",
    "\u03bf": "o",
    "\u03c1": "p",
    "\u03c4": "t",
    "\u03c5": "u",
    "\u03c7": "x",
    "\u03b6": "z",
    "\u03c3": "o",
    "\u03c2": "c",
}

# Single words that begin sentences or are letters of the alphabet used as words.
SINGLE_LETTER_WORDS = frozenset({"a", "i", "o"})

# Roles as people shorten them in notes and slides (folded): a role only one person holds
# points at them just as much written short.
ROLE_SHORT_FORMS = {
    "director of public health": ("dph",),
    "chief executive": ("ceo", "chief exec"),
    "chief executive officer": ("ceo", "chief exec"),
    "director of adult social services": ("dass",),
    "director of adult social care": ("dass",),
    "director of children's services": ("dcs",),
    "chief operating officer": ("coo",),
    "chief finance officer": ("cfo",),
    "chief financial officer": ("cfo",),
    "director of finance": ("dof", "finance director"),
    "director of nursing": ("don",),
    "chief nursing officer": ("cno",),
    "medical director": ("md",),
    "accountable officer": ("ao",),
}
