/**
 * The cues of each class of reply, as data: a pattern over one sentence (lower case, straight
 * apostrophes, single spaces), its weight (2: the sentence alone says it; 1: a hint that needs
 * company) and how negation and conditions act on it. Read top to bottom; the classifier
 * (classify.ts) weighs them.
 */

export const REPLY_CLASSES = [
  'next_round', 'rejection', 'not_decided', 'offer', 'references_requested', 'out_of_office', 'question', 'other',
] as const;
export type ReplyClass = (typeof REPLY_CLASSES)[number];

/** What a class rests on more precisely: a filled post (rejection), references or documents (references_requested). */
export type ReplyDetail = 'filled' | 'references' | 'documents';

export interface Cue {
  readonly id: string;
  readonly class: Exclude<ReplyClass, 'other'>;
  readonly weight: 1 | 2;
  readonly re: RegExp;
  readonly detail?: ReplyDetail;
  /**
   * `flip`: a negation just before the cue in its clause ("we will not be inviting you to…") makes
   * it a rejection, unless the clause says "yet"/"until" (still open: the cue is dropped).
   */
  readonly negation?: 'flip';
  /** A condition before the cue in its clause ("if you are successful, …") drops it. Default true. */
  readonly conditional?: boolean;
}

const INTERVIEW_WORD = '(?:interview|round|stage|conversation|meeting|call|chat|discussion|assessment|session|visit|panel)';
const NEXT_WORD = '(?:second|2nd|third|3rd|fourth|final|next|follow[- ]up|further|technical|panel|onsite|on-site|in-person|in person|face[- ]to[- ]face|last|additional|another|formal|case|culture|team|video|virtual)';
const DOCUMENTS = '(?:portfolio|transcripts?|certificates?|certifications?|writing samples?|work samples?|samples? of your work|passport|photo id|proof of (?:identity|address|right to work|eligibility)|right[- ]to[- ]work|id documents?|identification|degree certificate|diploma|qualifications|updated (?:cv|resume|r\u00e9sum\u00e9)|copy of your|(?:background|dbs|criminal record) (?:check|form)|consent form|application form|questionnaire|w-?4|i-?9|p45|bank details|salary history|payslips?|pay slips?|code samples?|github)';

export const CUES: readonly Cue[] = [
  // ---------------------------------------------------------------- offer
  { id: 'offer-pleased', class: 'offer', weight: 2, negation: 'flip',
    re: /\b(?:pleased|delighted|happy|thrilled|excited|glad) to (?:formally )?(?:offer you|extend (?:you )?(?:an|a|the|our) (?:formal |verbal |written )?offer|make you an offer|confirm (?:our|an|the) offer)\b(?! (?:a|an|the) (?:second|final|next|further|follow-up|in-person|onsite|on-site|technical|third|2nd|3rd|chance|opportunity to (?:interview|meet|speak)))(?! (?:an?|the) (?:interview|call|meeting|chat|conversation))/ },
  { id: 'offer-role', class: 'offer', weight: 2, negation: 'flip',
    re: /\boffer you (?:a|the|our) (?:(?!(?:interview|call|chat|meeting|conversation|round|stage|chance|opportunity)\b)[\w-]+ ){0,3}(?:role|position|job|post|place|contract)\b/ },
  { id: 'offer-words', class: 'offer', weight: 2, negation: 'flip',
    re: /\b(?:(?:job|formal|verbal|written|conditional|provisional|employment) offer|offer of employment|offer letter|offer (?:package|details)|extend (?:you )?(?:an|a|our) (?:formal |verbal |written )?offer|mak(?:e|ing) you an offer)\b/ },
  { id: 'offer-successful', class: 'offer', weight: 2,
    re: /\byou (?:have|'ve) been successful\b(?! (?:in|at) (?:progressing|moving|getting|reaching|making it|passing|the (?:first|initial|phone|screening|telephone)))(?! (?:to|and (?:will|would|we)) (?:progress|move|be invited))/ },
  { id: 'offer-approved', class: 'offer', weight: 2, negation: 'flip',
    re: /\b(?:approved|signed off|finali[sz]ed|prepared|preparing|drafting|sending you|send you|sent you) (?:the|your|an|our) (?:formal |written )?offer\b|\b(?:like|love|want|would be delighted for|pleased to have) (?:for )?you to join\b(?! (?:us |the team )?(?:for|on) )|\bhave you join (?:us|the team|our team)\b/ },
  { id: 'offer-welcome', class: 'offer', weight: 2, re: /\bwelcome (?:you )?(?:aboard|to the team)\b/ },

  // ---------------------------------------------------------------- rejection
  { id: 'rejection-not-forward', class: 'rejection', weight: 2,
    re: /(?:\bnot|n't|\bno longer|\bunable to|\bdecided against)\b[^.;]{0,30}?\b(?:mov(?:e|ing) (?:forward|ahead|on)|go(?:ing)? (?:forward|ahead)|tak(?:e|ing|en) (?:your application|you|this|things|it|your candidacy) (?:any )?(?:further|forward)|progress(?:ing)?|proceed(?:ing)?|advanc(?:e|ing)|pursu(?:e|ing) your|continu(?:e|ing) with your|offer(?:ing)? you|invit(?:e|ing) you|extend(?:ing)? (?:you )?an offer|shortlist|select(?:ing)? you|be (?:able to )?offer)/ },
  { id: 'rejection-others', class: 'rejection', weight: 2,
    re: /\b(?:mov(?:e|ed|ing)|go(?:ing|ne)?|went|proceed(?:ed|ing)?|continu(?:e|ed|ing)|progress(?:ed|ing)?|pursu(?:e|ed|ing)|decided to go)(?: forward| ahead| on)? with (?:other|another|a different|an? (?:internal|external|more experienced|stronger|more senior)|the other|(?:a|one) candidate (?:who|whose|that|with)|candidates (?:who|whose|that|with)|someone (?:else|who|whose|with)|applicants who)/ },
  { id: 'rejection-unsuccessful', class: 'rejection', weight: 2,
    re: /\b(?:unsuccessful|not (?:been )?successful|not (?:been )?selected|not (?:been )?shortlisted|not been chosen|not the successful|not (?:been )?progressed|not (?:be |been )?taken (?:forward|further))\b/ },
  // No \b before "n't": "haven't" has no word boundary inside it.
  { id: 'rejection-not-successful', class: 'rejection', weight: 2,
    re: /(?:n't|\bnot) (?:been )?successful\b|(?:n't|\bnot) (?:think|feel|believe) (?:it's|it is|this is|you're|you are|you'd be|you would be) (?:the right|a good|the best|an? (?:ideal|strong)) (?:fit|match)\b/ },
  { id: 'rejection-regret', class: 'rejection', weight: 2,
    re: /\b(?:regret(?:fully)?\b[^.]{0,20}\b(?:inform|tell|advise|let you know|say|to say|that we)|with regret|we regret that)\b/ },
  { id: 'rejection-chosen-other', class: 'rejection', weight: 2,
    re: /\b(?:chosen|choose|selected|select|appoint(?:ed)?|hired?|pick(?:ed)?|decided on|settled on|made an offer to|offer(?:ed|ing) (?:the|this) (?:role|position|job|post) to|given (?:the|this) (?:role|position) to|gone with|went with|offer to|offered it to) (?:another|a different|an internal|an external|someone else|other|a candidate whose|a candidate who|the other|one of the other|a more)/ },
  { id: 'rejection-filled', class: 'rejection', weight: 2, detail: 'filled',
    re: /\b(?:(?:position|role|vacancy|post|job|opening|requisition)\b[^.]{0,30}\b(?:has|have|had|is|was) (?:now |just |since |already )?(?:been )?filled|(?:have|has|'ve) (?:now |just |already )?filled (?:the|this|that) (?:role|position|vacancy|post|job|opening))\b/ },
  { id: 'rejection-closed', class: 'rejection', weight: 2,
    re: /\b(?:position|role|vacancy|post|job|opening|requisition)\b[^.]{0,30}\b(?:has|have|had) (?:now |just |since )?been (?:closed|cancelled|canceled|withdrawn|eliminated)|\b(?:position|role|vacancy|post|job) (?:is|was) (?:no longer (?:available|open)|now closed)\b/ },
  { id: 'rejection-fit', class: 'rejection', weight: 2,
    re: /\b(?:closer (?:match|fit|alignment)|more closely (?:match|matches|matched|align|aligns|aligned|fit|fits|suited)|better (?:match|fit|suited)|not (?:the right|a good|the best|an? (?:ideal|strong)) (?:fit|match)|different direction|decided to pass|clos(?:e|ing) your application|focus on (?:other )?(?:candidates|applicants) (?:with|who|whose)|pass(?:ing)? on your (?:application|candidacy|profile))\b/ },
  { id: 'rejection-file', class: 'rejection', weight: 1,
    re: /\b(?:keep your (?:cv|resume|r\u00e9sum\u00e9|details|application|information|profile) on (?:file|record)|future (?:opportunities|openings|roles|vacancies|positions)|apply (?:again|for other roles|for future))\b/ },
  { id: 'rejection-sorry', class: 'rejection', weight: 1,
    re: /\b(?:unfortunately|sadly|sorry to (?:say|tell|let|share)|disappointing news|not the news you)\b/ },
  { id: 'rejection-luck', class: 'rejection', weight: 1,
    re: /\b(?:best of luck|good luck|wish you (?:the (?:very )?best|every success|all the best|luck|well|success))\b/ },

  // ---------------------------------------------------------------- next round
  { id: 'next-invite', class: 'next_round', weight: 2, negation: 'flip',
    re: new RegExp(`\\b(?:invite|invitation|inviting|invited) (?:you )?(?:back |in )?(?:to|for) (?:a |an |the |our |one )?(?:${NEXT_WORD}[- ]?)?(?:(?:stage|round|in-person|on-site|onsite|video|panel|technical|face-to-face) )?${INTERVIEW_WORD}`) },
  { id: 'next-like-to', class: 'next_round', weight: 2, negation: 'flip',
    re: /\b(?:like|love|want|keen|happy|pleased|delighted|excited|glad) (?:for you )?to (?:schedule|set up|arrange|book|organi[sz]e|line up|invite you|have you (?:back|in|meet|come|speak|talk)|bring you (?:back|in)|meet (?:you|with you) again|move (?:you )?forward with you|move forward with your (?:application|candidacy)|move you (?:forward|on|through|to)|progress you|progress your application|advance you|continue (?:the|our) conversation|get you (?:in|back)|speak (?:with|to) you again|introduce you)\b/ },
  { id: 'next-offer-interview', class: 'next_round', weight: 2, negation: 'flip',
    re: new RegExp(`\\boffer you (?:a|an|the|one more) (?:${NEXT_WORD}[- ]?)?${INTERVIEW_WORD}`) },
  { id: 'next-like-you-to', class: 'next_round', weight: 2, negation: 'flip',
    re: /\b(?:like|love|want) you to (?:meet|speak|talk|come|visit|join us|present|complete|do)\b/ },
  { id: 'next-stage', class: 'next_round', weight: 2, negation: 'flip',
    re: /\b(?:mov(?:e|ed|ing)|progress(?:ed|ing)?|advanc(?:e|ed|ing)|tak(?:e|ing)|put(?:ting)?|through)(?: you| your application| you forward| you through)? (?:forward |through )?(?:to|into) (?:the )?(?:next|second|final|third|following|later|last) (?:stage|round|step|phase)\b/ },
  { id: 'next-forward-with-you', class: 'next_round', weight: 2, negation: 'flip',
    re: /\b(?:mov(?:e|ing)|go(?:ing)?|proceed(?:ing)?) (?:forward |ahead )?with (?:you|your application|your candidacy)\b/ },
  { id: 'next-shortlisted', class: 'next_round', weight: 2, negation: 'flip',
    re: /\b(?:been|are|were|have been|'ve been) (?:shortlisted|selected|chosen|invited) (?:for|to)\b/ },
  { id: 'next-successful-stage', class: 'next_round', weight: 2,
    re: /\bsuccessful (?:in|at) (?:progressing|moving|getting|reaching|making it|passing|the (?:first|initial|phone|screening|telephone))|\bsuccessful (?:and|to) (?:will |would |we )?(?:progress|move|be invited)/ },
  { id: 'next-availability', class: 'next_round', weight: 2,
    re: /\b(?:your |send (?:me |us )?(?:over )?(?:your |some )?|share (?:your |some )?|let (?:me|us) know (?:your |of your |what )?|with |confirm (?:your )?)availability\b|\bwhat (?:times?|days?|dates?|slots?) (?:would |might |could )?(?:work|suit|be convenient)|\bwhen (?:would you be|are you|might you be) (?:free|available)\b(?! to start)|\b(?:are|would) you (?:be )?(?:free|available) (?:on|for|this|next|at|to (?:meet|come|speak|talk|chat|interview))\b|\bcalendly\b|\bbook (?:a|your) (?:time|slot)\b|\bscheduling link\b|\bpick a (?:time|slot)\b|\bwhich of (?:these|the following) (?:times|slots|dates)/ },
  { id: 'next-time', class: 'next_round', weight: 2,
    re: /\b(?:could we do|can we do|how about|would|does|will)\b[^.?]{0,40}\b(?:monday|tuesday|wednesday|thursday|friday|thurs|tues|weds|tomorrow|\d{1,2}(?::\d{2})? ?(?:am|pm)|\d{1,2}[:.]\d{2})\b[^.?]{0,40}\b(?:work|suit|instead)\b|\b(?:could we do|can we do|how about) (?:monday|tuesday|wednesday|thursday|friday)\b/ },
  { id: 'next-step', class: 'next_round', weight: 2, negation: 'flip',
    re: new RegExp(`\\bnext step (?:is|will be|would be|in the process is) (?:a|an|to) (?:[\\w-]+ ){0,4}(?:${INTERVIEW_WORD}|exercise|presentation|meet)|\\bkeep the conversation going\\b|\\bjoin us for (?:a|an|the) (?:${NEXT_WORD}[- ]?)?${INTERVIEW_WORD}`) },
  { id: 'next-exercise', class: 'next_round', weight: 1,
    re: /\b(?:take-home|take home|home) (?:exercise|assignment|task|test|challenge)\b|\b(?:coding|technical|written|online) (?:exercise|assessment|test|challenge)\b|\bassessment (?:centre|center|day)\b/ },
  { id: 'next-named', class: 'next_round', weight: 1,
    re: new RegExp(`\\b${NEXT_WORD} (?:round|interview|stage|conversation|meeting)s?\\b`) },

  // ---------------------------------------------------------------- references and documents
  { id: 'references-ask', class: 'references_requested', weight: 2, detail: 'references',
    re: /\b(?:send|provide|share|forward|supply|give|put (?:me|us) in touch with|let (?:me|us) (?:know|have)|need|require|request|ask(?:ing)? for|collect|pass on|email|like|nominate|list|put forward|details? (?:of|for))\b[^.]{0,60}\b(?:references|referees|(?:two|three|2|3|a couple of) (?:professional )?(?:references?|referees?))\b|\b(?:references|referees)\b[^.]{0,40}\b(?:contact details|details|names?|emails?|numbers?|information)\b|\breference (?:checks?|checking|requests?)\b|\b(?:contact(?:ing)?|reach(?:ing)? out to|speak(?:ing)? (?:with|to)|call(?:ing)?) your (?:references|referees|former (?:manager|employer|supervisor)s?)\b|\b(?:contact (?:information|info|details)|details|names?) (?:for|of) (?:a |an |your |two |three )?(?:former|previous|past|current|recent) (?:manager|employer|supervisor|boss|colleague)s?\b|\b(?:a|one|another|professional|character|work) reference from\b/ },
  { id: 'documents-ask', class: 'references_requested', weight: 2, detail: 'documents',
    re: new RegExp(`\\b(?:send|provide|share|forward|supply|upload|bring|submit|email|attach|complete|fill (?:in|out)|sign and return|return|need|require|see)\\b[^.]{0,50}\\b${DOCUMENTS}\\b`) },

  // ---------------------------------------------------------------- out of office
  { id: 'ooo-auto', class: 'out_of_office', weight: 2, conditional: false,
    re: /\b(?:automatic reply|auto-?reply|autoreply|automated (?:reply|response|message)|out of (?:the )?office|ooo)\b/ },
  { id: 'ooo-away-until', class: 'out_of_office', weight: 2, conditional: false,
    re: /\b(?:i am|i'm|i will be|i'll be|currently)\b[^.]{0,30}\b(?:out|away|on (?:\w+ )?leave|off|on holiday|on vacation|on pto|travell?ing|offline)\b[^.]{0,40}\b(?:until|till|through|thru|returning|and will return|and will be back|back on)\b/ },
  { id: 'ooo-return', class: 'out_of_office', weight: 2, conditional: false,
    re: /\b(?:upon|on|after) my return\b|\bwhen i (?:return|am back|get back)\b|\blimited (?:access to )?(?:email|e-mail)\b|\bfor (?:urgent|immediate) (?:matters|enquiries|inquiries|queries|assistance|requests|issues)\b|\bin my absence\b|\bback in the office on\b/ },
  { id: 'ooo-back', class: 'out_of_office', weight: 2, conditional: false,
    re: /\b(?:i'll|i will) be back (?:in the office |at (?:my desk|work) )?(?:on|tomorrow|next|in(?! touch))\b/ },
  { id: 'ooo-away', class: 'out_of_office', weight: 1, conditional: false,
    re: /\b(?:i am|i'm) (?:currently )?(?:out|away|on (?:\w+ )?leave|on holiday|on vacation|travell?ing)\b/ },

  // ---------------------------------------------------------------- not decided yet
  { id: 'undecided-not-made', class: 'not_decided', weight: 2, conditional: false,
    re: /(?:\bnot|n't|\byet to)\b[^.;]{0,25}?\b(?:made|make|reached|reach|come to|finali[sz]ed|taken) (?:a |any |our |the |their )?(?:final |firm )?decisions?\b|\bno (?:final )?decision (?:has been |was )?(?:made |reached |taken )?(?:yet|as yet|so far)\b|\bnot (?:yet )?decided\b|\bundecided\b|\bstill (?:deciding|deliberating)\b|\bnot (?:yet )?(?:reached|concluded) (?:a|the|our)\b|\bnot yet (?:in a position|able|ready) to\b/ },
  { id: 'undecided-still', class: 'not_decided', weight: 2, conditional: false,
    re: /\bstill (?:interviewing|reviewing|meeting|assessing|evaluating|considering|speaking|talking|in (?:the (?:process|middle)|discussions?)|working through|going through|finali[sz]ing|gathering|collecting|waiting|completing)\b|\b(?:are|is) (?:currently )?(?:interviewing|reviewing|meeting with|assessing|evaluating|considering) (?:other|a few|several|more|the remaining|the last|final|additional|all)\b/ },
  { id: 'undecided-delay', class: 'not_decided', weight: 2, conditional: false,
    re: /\b(?:decision|process|timeline|timeframe|recruitment|hiring|review|schedule)s?\b[^.]{0,40}\b(?:delayed|taking longer|slowed|pushed back|paused|on hold|extended|slipped)\b|\btaking (?:a (?:little|bit) |slightly |somewhat |much )?longer than (?:expected|anticipated|planned|we (?:hoped|thought|planned))\b|\b(?:put|placed|been put) on hold\b/ },
  { id: 'undecided-considered', class: 'not_decided', weight: 2, conditional: false,
    re: /\b(?:remain|remains|are still|is still|still) (?:very much )?(?:under consideration|in (?:the running|contention|consideration|the process|the mix)|being considered|a (?:strong|top|leading) candidate)\b/ },
  { id: 'undecided-expect', class: 'not_decided', weight: 2, conditional: false,
    re: /\b(?:expect|hope|aim|plan|intend|anticipate|hoping|expecting|aiming|planning|should be able) (?:to )?(?:be able to )?(?:make|have|reach|finali[sz]e|come to|share|give you|send|confirm) (?:a |an |our |the |any |some |more |you )?(?:final |firm |full )?(?:decision|decisions|update|answer|news|outcome|feedback|result)s?\b/ },
  { id: 'undecided-promise', class: 'not_decided', weight: 2, conditional: false,
    re: /\b(?:will|'ll|shall|should|can|hope to|aim to|plan to|expect to|intend to) (?:be (?:back )?in touch|get back (?:to you|in touch)|come back to you|update you|let you know|contact you|reach out|circle back|be able to (?:update|confirm|let you know|share)|have (?:an update|news|more news|more information|an answer|a decision)|send (?:you )?an update|follow up|be touching base|know more)\b(?=[^.]{0,60}\b(?:by|within|in (?:the next|a|two|three|\d)|early|mid|late|end of|next|before|after|on (?:monday|tuesday|wednesday|thursday|friday)|once|when|as soon as|this week|tomorrow|the week|monday|tuesday|wednesday|thursday|friday|decision|decided|\d))/ },
  { id: 'undecided-decide-by', class: 'not_decided', weight: 2, conditional: false,
    re: /\b(?:decision|decide|decisions|decided)\b[^.]{0,30}\b(?:by|within|early|mid|late|end of|next|before|after|the week|in the (?:next|coming)|over the (?:next|coming))\b|\bwill (?:make|reach|take|announce) (?:our|a|the|their) (?:final )?decision\b/ },
  { id: 'undecided-after-interviews', class: 'not_decided', weight: 2, conditional: false,
    re: /\b(?:after|once|when|until) (?:we(?:'ve| have)? |all |the )?(?:(?:final|remaining|other|last) )?(?:interviews?|candidates|applicants)\b[^.]{0,30}\b(?:complete|completed|finished|done|concluded|seen|met|interviewed|spoken|wrapped up)/ },
  { id: 'undecided-patience', class: 'not_decided', weight: 1, conditional: false,
    re: /\bthank you for (?:your patience|bearing with us|checking in|following up|your follow[- ]up)\b|\bappreciate your (?:patience|understanding)\b/ },
];

/** Questions that ask nothing the candidate need answer ("Any questions?", "How are you?"). */
export const COURTESY_QUESTION = /^if you\b|\bif you(?:'d| would) like\b|\bif (?:that|this) (?:works|helps)\b|\bshould you (?:have|need|wish|want)\b|\b(?:any (?:other |further |more )?questions|anything else (?:i|we) can|if you (?:have|need)|does that (?:sound|work) (?:ok|okay|good|alright)|make sense|hope (?:that|this) helps|how are you|how(?:'s| is| was) (?:your|the|it|everything)|hope (?:you|all|everything)|are you well|how have you been|can i help)\b/;
/** A question the sentence puts to the candidate: it ends in "?" and asks them (you/your, or question word order). */
export const ASKS_YOU = /\b(?:you|your)\b|^(?:what|when|how|which|where|who|is|are|do|does|did|could|can|would|will|have|has|may|might|shall)\b/;
/** A request to answer without a question mark: "please let me know your notice period". */
export const ASK_IMPERATIVE = /\b(?:please|kindly|could you|can you|would you)\b[^.]{0,20}\b(?:let (?:me|us) know|confirm|tell (?:me|us)|advise|clarify|send (?:me |us )?(?:your|over)|share (?:your|with)|answer|reply with|get back to (?:me|us) (?:with|on|about))\b/;
