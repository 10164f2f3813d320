/**
 * Generate the sample filings under samples/ with exact ground truth.
 *
 *   npm run samples
 *
 * Writes:
 *   samples/mou-redacted.pdf         a 15-page vector "filing" (text layer, vector redaction boxes,
 *                                    two leaky boxes, one unapplied /Redact annotation, hard negatives)
 *   samples/mou-redacted.truth.json  its ground truth
 *   samples/mou-scanned.pdf          the same pages rendered, skewed, noised, JPEG'd: no text layer
 *   samples/mou-scanned.truth.json   its ground truth
 *
 * Everything is deterministic: fixed metadata dates, a seeded PRNG, no clock, no randomness from the
 * environment. Running the script twice produces byte-identical files.
 *
 * Truth coordinates are PDF points with the origin at the TOP-LEFT of the page (y down).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  PDFDocument,
  PDFString,
  StandardFonts,
  concatTransformationMatrix,
  fill,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  setFillingRgbColor,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import { mulberry32 } from './prng.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'samples');

// ------------------------------------------------------------------------------------------------
// Page geometry and typography
// ------------------------------------------------------------------------------------------------
const PAGE_W = 612;
const PAGE_H = 792;
const MARGIN_L = 72;
const TEXT_W = 468;
const BODY_TOP = 72; // top of the first line box (top-left coordinates)
const BODY_BOTTOM = 720; // last allowed baseline
const TOTAL_PAGES = 15;
const HEADER_TEMPLATE = 'Case 1:24-cv-01873-RDM   Document 42-3   Filed 03/15/24   Page {n} of 15';
const FIXED_DATE = new Date('2024-03-15T14:32:00Z');

const BODY_SIZE = 12;
const BODY_LEAD = 15;
const PARA_GAP = 10; // extra space after a paragraph
const ITEM_GAP = 7; // extra space after a numbered paragraph
const H1_GAP = 12; // extra space before a level-1 heading
const H2_GAP = 6; // extra space before a level-2 heading
const PAD = 1; // redaction box padding around the words' extent
const LABEL_SIZE = 7.5;

type FontKey = 'Times-Roman' | 'Times-Bold' | 'Helvetica' | 'Helvetica-Bold';
/** AFM ascender / descender (per 1000 em) of the standard fonts. */
const METRICS: Record<FontKey, { asc: number; desc: number; cap: number }> = {
  'Times-Roman': { asc: 683, desc: 217, cap: 662 },
  'Times-Bold': { asc: 683, desc: 217, cap: 676 },
  Helvetica: { asc: 718, desc: 207, cap: 718 },
  'Helvetica-Bold': { asc: 718, desc: 207, cap: 718 },
};

type BBox = [number, number, number, number];
const r2 = (v: number): number => Math.round(v * 100) / 100;
const rbox = (b: BBox): BBox => [r2(b[0]), r2(b[1]), r2(b[2]), r2(b[3])];
const union = (a: BBox, b: BBox): BBox => [
  Math.min(a[0], b[0]),
  Math.min(a[1], b[1]),
  Math.max(a[2], b[2]),
  Math.max(a[3], b[3]),
];

// ------------------------------------------------------------------------------------------------
// Deterministic PRNG (mulberry32) and Gaussian-ish noise
// ------------------------------------------------------------------------------------------------

// ------------------------------------------------------------------------------------------------
// Truth types
// ------------------------------------------------------------------------------------------------
type Status = 'readable' | 'partial' | 'redacted';
interface TruthRedaction {
  page: number;
  bbox: BBox;
  label: string | null;
  source: 'vector' | 'annotation' | 'raster';
  parts: BBox[];
  leaky: boolean;
  hiddenText: string;
}
interface TruthLeak {
  page: number;
  bbox: BBox;
  kind: 'text-under-box' | 'unapplied-annotation';
  text: string;
}
/**
 * A section of the truth. Like the report, its figures count its whole extent (its own body and
 * all its subsections); `own` holds those of its own body; `parent` is the enclosing section's title.
 */
interface TruthSection {
  title: string;
  level: number;
  parent: string | null;
  pageStart: number;
  pageEnd: number;
  status: Status;
  visibleWords: number;
  hiddenWords: number;
  own: { visibleWords: number; hiddenWords: number; status: Status };
}
interface TruthNegative {
  page: number;
  bbox: BBox;
  kind: 'table-rule' | 'stroked-rect' | 'header-bar';
}
interface Truth {
  file: string;
  pages: number;
  pageSize: [number, number];
  header: string;
  redactions: TruthRedaction[];
  leaks: TruthLeak[];
  sections: TruthSection[];
  negatives: TruthNegative[];
  pageWords: Record<string, string[]>;
}

// ------------------------------------------------------------------------------------------------
// Markup
// ------------------------------------------------------------------------------------------------
const LABELS: Record<string, string | null> = {
  b4: '(b)(4)',
  b5: '(b)(5)',
  b6: '(b)(6)',
  b7C: '(b)(7)(C)',
  b7E: '(b)(7)(E)',
  none: null,
};

interface Group {
  id: number;
  label: string | null;
  mode: 'proper' | 'leak' | 'annot';
  draw: 'rect' | 'ops';
  size: number; // number of words
  placed: number;
}
interface Tok {
  text: string;
  group: Group | null;
  br?: boolean;
}

let nextGroupId = 1;

function plainToks(text: string, group: Group | null): Tok[] {
  const out: Tok[] = [];
  text.split('\n').forEach((line, i) => {
    if (i > 0) out.push({ text: '', group: null, br: true });
    for (const w of line.split(/[ \t]+/)) if (w) out.push({ text: w, group });
  });
  return out;
}

/** Parse [[code!mod words]] markup into word tokens. Redaction boundaries must fall on whitespace. */
function parseMarkup(text: string): Tok[] {
  const toks: Tok[] = [];
  const re = /\[\[(\w+)((?:!\w+)*)\s+([\s\S]*?)\]\]/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const start = m.index;
    const end = start + m[0].length;
    if (start > 0 && !/\s/.test(text[start - 1]!)) throw new Error(`redaction must start a word: ${m[0]}`);
    if (end < text.length && !/\s/.test(text[end]!)) throw new Error(`redaction must end a word: ${m[0]}`);
    toks.push(...plainToks(text.slice(last, start), null));
    const code = m[1]!;
    if (!(code in LABELS)) throw new Error(`unknown label code ${code}`);
    const mods = m[2]!.split('!').filter(Boolean);
    const group: Group = {
      id: nextGroupId++,
      label: LABELS[code]!,
      mode: mods.includes('leak') ? 'leak' : mods.includes('annot') ? 'annot' : 'proper',
      draw: mods.includes('ops') ? 'ops' : 'rect',
      size: 0,
      placed: 0,
    };
    const gt = plainToks(m[3]!, group);
    group.size = gt.filter((t) => !t.br).length;
    toks.push(...gt);
    last = end;
  }
  toks.push(...plainToks(text.slice(last), null));
  return toks;
}

// ------------------------------------------------------------------------------------------------
// Content of the filing
//
// Markup inside text: [[code words]] marks a redaction group over whole words.
//   code = b4 | b5 | b6 | b7C | b7E | none   (the exemption label printed on the box; none = no label)
//   modifiers appended with "!": !leak  (words drawn, then covered: a leaky box)
//                                !annot (words drawn, an unapplied /Redact annotation over them)
//                                !ops   (box drawn with raw operators under a scaling transform)
// A "\n" forces a line break (line lists such as the points of contact and signature blocks).
// Each heading carries the status its section is written to have; the script checks it.
// ------------------------------------------------------------------------------------------------
type Expect = 'readable' | 'partial' | 'redacted';

type Block =
  | { kind: 'title'; lines: string[]; sub: string[] }
  | { kind: 'boxStart' }
  | { kind: 'boxEnd' }
  | { kind: 'h1'; text: string; expect: Expect }
  | { kind: 'h2'; text: string; expect: Expect }
  | { kind: 'p'; text: string }
  | { kind: 'n'; text: string }
  | { kind: 'lines'; text: string; bold?: boolean; lead?: number; indent?: number; spaceAfter?: number; heading?: Expect }
  | { kind: 'pagebreak' }
  | { kind: 'bar'; text: string; expect: Expect }
  | { kind: 'table'; widths: number[]; header: string[]; rows: string[][] };

const h1 = (text: string, expect: Expect): Block => ({ kind: 'h1', text, expect });
const h2 = (text: string, expect: Expect): Block => ({ kind: 'h2', text, expect });
const p = (text: string): Block => ({ kind: 'p', text });
const n = (text: string): Block => ({ kind: 'n', text });

const CONTENT: Block[] = [
  {
    kind: 'title',
    lines: [
      'MEMORANDUM OF UNDERSTANDING',
      'BETWEEN',
      'THE FEDERAL RECORDS INTEGRITY AGENCY',
      'AND',
      'THE OFFICE OF INTERAGENCY DATA EXCHANGE',
    ],
    sub: ['Concerning the Exchange and Verification of Federal Records Metadata', 'MOU No. FRIA-OIDE-2023-07'],
  },
  { kind: 'boxStart' },
  {
    kind: 'lines',
    bold: true,
    text: 'NOTICE OF WITHHOLDING',
    heading: 'readable',
    spaceAfter: 2,
  },
  p(
    'Portions of this Memorandum have been withheld under the Freedom of Information Act, 5 U.S.C. ' +
      '§ 552(b)(4), (b)(5), (b)(6), (b)(7)(C), and (b)(7)(E). Each withholding is marked with the exemption ' +
      'applied. This copy is released in connection with Civil Action No. 24-1873 (RDM).',
  ),
  { kind: 'boxEnd' },

  // ---------------------------------------------------------------- I
  h1('I. PURPOSE', 'readable'),
  p(
    'This Memorandum of Understanding ("MOU") establishes the terms and conditions under which the Federal ' +
      'Records Integrity Agency ("FRIA") and the Office of Interagency Data Exchange ("OIDE") (collectively, ' +
      'the "Parties") will exchange, verify, and safeguard metadata describing federal records held by ' +
      'participating agencies. The MOU is intended to reduce duplicate recordkeeping, to improve the accuracy ' +
      'of records schedules, and to give each Party timely notice of records that may have been lost, ' +
      'altered, or destroyed without authorization.',
  ),
  p(
    'Nothing in this MOU alters the statutory authority of either Party or creates any right or benefit, ' +
      'substantive or procedural, enforceable at law or in equity by any person against the United States, ' +
      'its agencies, its officers or employees, or any other person. The Parties enter into this MOU in a ' +
      'spirit of cooperation and intend to resolve any ambiguity in its terms through the consultation ' +
      'procedures described in Section X.',
  ),
  p(
    'The Parties expect the exchange to support, among other things, the annual records management ' +
      'reports that agencies provide to the Archivist, the review of proposed records schedules, and the ' +
      'identification of records that are eligible for transfer to the National Archives. These uses are ' +
      'illustrative and do not limit the purposes for which the Parties may use Records Metadata in a ' +
      'manner consistent with this MOU.',
  ),
  p(
    'This MOU supersedes the interim data sharing arrangement executed by the Parties on June 2, 2021, ' +
      'which shall expire upon the effective date of this MOU. Records exchanged under the interim ' +
      'arrangement shall be treated as though they had been exchanged under this MOU, and any open ' +
      'discrepancy reported under that arrangement shall be carried forward without being reopened.',
  ),

  // ---------------------------------------------------------------- II
  h1('II. BACKGROUND', 'partial'),
  p(
    'FRIA was established to monitor the integrity of records created and maintained by executive branch ' +
      'agencies and to report on the unauthorized disposition of those records. In carrying out that ' +
      'mission, FRIA maintains an inventory of records schedules, disposition authorities, and transfer ' +
      'histories for more than two hundred agencies and components, and it conducts periodic inspections ' +
      'of agency records management programs.',
  ),
  p(
    'The need for a structured exchange became apparent after a series of incidents in 2020 and 2021 in ' +
      'which records scheduled as permanent were reported as destroyed under authorities that applied only ' +
      'to temporary records. In each instance the error was discovered only after the records could no ' +
      'longer be recovered, and in one instance [[b7C the responsible program official had retired and ' +
      'declined to be interviewed]] before the inquiry began.',
  ),
  p(
    'OIDE operates the shared technical infrastructure through which participating agencies transmit ' +
      'structured data to one another. Since 2019, OIDE has hosted a pilot exchange that allowed a limited ' +
      'number of agencies to submit records metadata for automated validation. An internal review completed ' +
      'in 2022 under the direction of [[b6!leak Deputy Inspector Marguerite Oyelaran]] found that the pilot ' +
      'reduced reconciliation errors by nearly one third, but that its reliance on manual file transfers ' +
      'created avoidable delays.',
  ),
  p(
    'In the course of that review, the Parties identified several categories of records for which the ' +
      'existing processes were inadequate, including [[b5 records of temporary advisory committees, records ' +
      'moved between components during reorganizations, and electronic messages retained outside approved ' +
      'systems of record.]]',
  ),
  p(
    'The Parties further noted that [[b5 the absence of a common identifier made it ' +
      'impractical to trace a record from one agency to another, and that at least four agencies had ' +
      'declined to join the pilot for that reason.]] Both observations were shared with the agencies that ' +
      'took part in the pilot, and several of them submitted written comments on the proposed standard.',
  ),
  p(
    'By the close of the pilot in December 2022, twenty-three agencies had submitted more than 1.4 million ' +
      'metadata records, and OIDE had resolved most validation failures without manual intervention. The ' +
      'participating agencies reported that [[b5 the validation reports were useful but that the rules for ' +
      'legacy series were too strict to apply without exceptions.]]',
  ),
  p(
    'Following consultation with the agencies that took part in the pilot, the Parties agreed to formalize ' +
      'the exchange, to open it to every agency that elects to participate, and to adopt the common data ' +
      'standard described in Attachment A. The Parties also agreed that [[b5 the first year of operation ' +
      'should be treated as a transition period in which discrepancies would be reported to agencies but ' +
      'not escalated to the Inspector General, a position that the FRIA general counsel has not yet ' +
      'endorsed.]]',
  ),

  // ---------------------------------------------------------------- III
  h1('III. AUTHORITY', 'readable'),
  p('The Parties enter into this MOU under the following authorities:'),
  n('1. The Federal Records Act of 1950, as amended, 44 U.S.C. Chapters 21, 29, 31, and 33;'),
  n(
    '2. The Economy Act, 31 U.S.C. § 1535, to the extent that either Party provides goods or services to ' +
      'the other on a reimbursable basis;',
  ),
  n('3. The Privacy Act of 1974, 5 U.S.C. § 552a, and the regulations and guidance issued under it;'),
  n(
    '4. The E-Government Act of 2002, Pub. L. No. 107-347, including Title III thereof, and the Federal ' +
      'Information Security Modernization Act of 2014, 44 U.S.C. § 3551 et seq.;',
  ),
  n('5. Office of Management and Budget Circular A-130, Managing Information as a Strategic Resource; and'),
  n('6. The organic statutes of each Party and the delegations of authority issued under them.'),
  p(
    'Each Party represents that it has the authority to perform the obligations it assumes under this MOU ' +
      'and that the official signing on its behalf is authorized to bind it. If either Party learns that ' +
      'a change in law or policy affects its authority to perform, it shall promptly notify the other Party ' +
      'in writing and the Parties shall consult on any necessary amendment.',
  ),
  p(
    'This MOU is not an obligation of funds and is not a contract. To the extent that either Party ' +
      'provides reimbursable services to the other, the terms of those services shall be set out in a ' +
      'separate agreement as provided in Section IX.',
  ),

  // ---------------------------------------------------------------- IV
  h1('IV. DEFINITIONS', 'readable'),
  p(
    'For purposes of this MOU, the following terms have the meanings given below. Terms that are not ' +
      'defined here have the meanings given in 44 U.S.C. § 3301 and 36 C.F.R. Part 1220.',
  ),
  n(
    '1. "Participating Agency" means an executive branch agency or component that has executed a ' +
      'participation agreement with OIDE and has been approved by FRIA to submit records metadata through ' +
      'the exchange.',
  ),
  n(
    '2. "Records Metadata" means the descriptive, structural, and administrative information about a ' +
      'record or series of records, including the elements listed in Attachment A, but does not include ' +
      'the content of the record itself.',
  ),
  n(
    '3. "Integrity Discrepancy" means any difference between the metadata submitted for a record and the ' +
      'disposition authority, retention period, or custody history recorded in the inventory maintained ' +
      'by FRIA.',
  ),
  n(
    '4. "Security Incident" means an occurrence that actually or imminently jeopardizes the confidentiality, ' +
      'integrity, or availability of information exchanged under this MOU, or that constitutes a violation ' +
      'of law, security policy, or acceptable use policy.',
  ),
  n(
    '5. "Exchange Environment" means the systems, networks, and interfaces operated by OIDE through which ' +
      'Records Metadata is transmitted, validated, and stored under this MOU.',
  ),
  n('6. "Business Day" means any day other than a Saturday, a Sunday, or a federal holiday.'),
  n(
    '7. "Working Group" means the body established under Section V.C to oversee the operation of the ' +
      'exchange, composed of an equal number of representatives of each Party.',
  ),
  n(
    '8. "Referral" means the transmission of an Integrity Discrepancy from OIDE to FRIA, together with the ' +
      'validation report that supports it.',
  ),
  n(
    '9. "Legacy Series" means a records series created before October 1, 2015, for which one or more ' +
      'required data elements cannot be derived from existing agency systems.',
  ),
  n(
    '10. "Validation Rule" means a machine-readable test that OIDE applies to each submission to determine ' +
      'whether it is complete and consistent with the inventory maintained by FRIA.',
  ),

  // ---------------------------------------------------------------- V
  h1('V. RESPONSIBILITIES OF THE PARTIES', 'readable'),
  p(
    'Each Party shall carry out the responsibilities assigned to it in this Section in a manner consistent ' +
      'with applicable law and with the safeguards in Section VII. Responsibilities assigned to both Parties ' +
      'shall be carried out jointly unless the Parties agree otherwise in writing.',
  ),
  h2('A. Responsibilities of FRIA', 'partial'),
  p('FRIA shall:'),
  n(
    '1. Maintain the authoritative inventory of records schedules and disposition authorities against ' +
      'which Records Metadata is validated, and update that inventory within [[b7E ten Business Days of any ' +
      'change approved by the Archivist.]]',
  ),
  n(
    '2. Provide OIDE with the validation rules described in Attachment A, together with [[b7E the weighting ' +
      'table used to rank Integrity Discrepancies by severity and the thresholds above which a discrepancy ' +
      'is referred for review.]]',
  ),
  n(
    '3. Review each Integrity Discrepancy referred to it and notify the affected Participating Agency of ' +
      'the results of that review.',
  ),
  n(
    '4. Designate a program manager and an alternate, and provide their names to OIDE in writing. As of ' +
      'the effective date, the program manager is [[b6 Harold P. Ventimiglia, Supervisory Records ' +
      'Analyst,]] and the alternate is [[b6 Denise Achterberg.]]',
  ),
  n(
    '5. Refer to the Office of Inspector General any Integrity Discrepancy that [[b7E involves more than five ' +
      'hundred records, affects a permanent series, or appears to result from intentional conduct by an ' +
      'agency employee or contractor.]]',
  ),
  n('6. Bear its own costs of participation, except as provided in Section IX.'),
  n(
    '7. Publish on its website, at least once a year, aggregate statistics on Integrity Discrepancies that ' +
      'do not identify any Participating Agency or any individual.',
  ),

  h2('B. Responsibilities of OIDE', 'partial'),
  p('OIDE shall:'),
  n(
    '1. Operate and maintain the Exchange Environment, including [[b7E the ingestion gateway hosted at the ' +
      'Ashburn data center and its failover node in Denver,]] and make it available to Participating Agencies ' +
      'at least 99.5 percent of the time in each calendar quarter.',
  ),
  n(
    '2. Validate each submission of Records Metadata against the rules provided by FRIA and return a ' +
      'validation report to the submitting agency within two Business Days.',
  ),
  n(
    '3. Forward each Integrity Discrepancy to FRIA through the secure referral queue, identifying the ' +
      'submitting agency, the affected series, and the rule that produced the discrepancy.',
  ),
  n(
    '4. Provide technical assistance to Participating Agencies, including onboarding sessions and test ' +
      'files, through a help desk coordinated by [[b6!annot Tobias R. Lindqvist]] during normal business hours.',
  ),
  n(
    '5. Retain validation logs for the period specified in Section VII.D and [[b5 make them available to ' +
      'FRIA only after review by OIDE counsel,]] except in the case of a Security Incident.',
  ),
  n(
    '6. Notify FRIA at least thirty days in advance of any planned change to the Exchange Environment that ' +
      'would affect the format or timing of submissions, including [[b7E the planned migration of the ' +
      'validation service to the commercial cloud region approved in 2023.]]',
  ),
  n(
    '7. Maintain a public list of Participating Agencies and the date on which each began submitting ' +
      'Records Metadata.',
  ),

  h2('C. Joint Responsibilities', 'readable'),
  p('The Parties shall jointly:'),
  n(
    '1. Establish a Working Group, which shall meet at least quarterly, to review the operation of the ' +
      'exchange, the volume and character of Integrity Discrepancies, and any proposed change to Attachment A.',
  ),
  n(
    '2. Develop and publish guidance for Participating Agencies on the preparation of Records Metadata, the ' +
      'correction of rejected submissions, and the handling of Integrity Discrepancies.',
  ),
  n(
    '3. Prepare an annual report to the heads of the Parties that summarizes the performance of the ' +
      'exchange, describes significant discrepancies and their resolution, and recommends any change to ' +
      'this MOU.',
  ),
  n(
    '4. Coordinate any public communication about the exchange, including responses to congressional ' +
      'inquiries, so that the Parties describe its operation consistently.',
  ),
  n(
    '5. Maintain a shared register of the decisions of the Working Group, including any waiver granted ' +
      'under Section VI.A, and make it available to Participating Agencies.',
  ),
  h2('D. Responsibilities of Participating Agencies', 'readable'),
  p('Each Participating Agency, as a condition of its participation agreement, shall:'),
  n(
    '1. Designate a records officer who is responsible for the accuracy of its submissions and who has ' +
      'the authority to correct them.',
  ),
  n(
    '2. Submit Records Metadata in the format and at the frequency required by Section VI, and correct any ' +
      'rejected submission within ten Business Days after it receives the validation report.',
  ),
  n(
    '3. Respond to any inquiry from FRIA concerning an Integrity Discrepancy within the time stated in the ' +
      'inquiry, which shall be not less than fifteen Business Days.',
  ),
  n('4. Notify OIDE promptly of any change to the systems from which its submissions are generated.'),

  // ---------------------------------------------------------------- VI
  h1('VI. DESCRIPTION OF THE DATA EXCHANGE', 'readable'),
  p(
    'This Section describes the data to be exchanged, the means by which it will be transmitted, and the ' +
      'expected frequency and volume of transmissions. The technical specifications referenced in this ' +
      'Section are maintained by OIDE and may be updated by the Working Group without amendment of this MOU.',
  ),
  h2('A. Data Elements', 'readable'),
  p(
    'The Records Metadata exchanged under this MOU consists of the data elements listed in Attachment A. ' +
      'Participating Agencies shall submit each required element for every record series reported and may ' +
      'submit optional elements where they are available. Free-text fields shall not contain personally ' +
      'identifiable information, classified information, or the content of the records described.',
  ),
  p(
    'OIDE shall not accept a submission that omits a required element, and FRIA shall not treat the ' +
      'absence of an optional element as an Integrity Discrepancy. Where an agency cannot supply a required ' +
      'element for a legacy series, it may request a temporary waiver from the Working Group, which shall ' +
      'decide the request within fifteen Business Days.',
  ),
  h2('B. Method of Transmission', 'partial'),
  p(
    'Participating Agencies shall transmit Records Metadata to the Exchange Environment using [[b7E!ops the ' +
      'agency-specific service account issued by OIDE over a mutually authenticated channel that terminates ' +
      'at the ingestion gateway.]] Files shall be formatted as described in Attachment A and shall not ' +
      'exceed [[b7E 250 megabytes]] in a single transmission.',
  ),
  p(
    'Transmissions shall be encrypted in transit using [[b7E!ops FIPS 140-3 validated modules configured ' +
      'to the cipher suites listed in version 3.2 of the OIDE interface control document.]] OIDE shall reject ' +
      'any transmission that does not satisfy these requirements and shall notify the submitting agency.',
  ),
  p(
    'FRIA shall retrieve referrals from the Exchange Environment through [[b7E a dedicated pull interface ' +
      'that is polled at fifteen minute intervals,]] and shall acknowledge each referral within one Business ' +
      'Day of its retrieval.',
  ),
  p(
    'Each Participating Agency shall rotate the credentials of its service account at least every ninety ' +
      'days and shall notify OIDE at once if it suspects that a credential has been compromised. OIDE shall ' +
      'disable any service account that has not been used for [[b7E one hundred twenty consecutive days]] and ' +
      'may re-enable it at the request of the records officer of the agency.',
  ),
  h2('C. Frequency and Volume', 'readable'),
  p(
    'Participating Agencies shall submit Records Metadata at least monthly and may submit more often. The ' +
      'Parties estimate that the exchange will receive between forty thousand and sixty thousand submissions ' +
      'each year when fully operational, with the heaviest volume in the last quarter of each fiscal year.',
  ),
  p(
    'If the number of submissions in any month exceeds twice the monthly average for the preceding year, ' +
      'OIDE may defer validation of routine submissions for up to five Business Days and shall notify FRIA ' +
      'of the deferral. Submissions that report the loss or unscheduled destruction of records shall not be ' +
      'deferred.',
  ),
  h2('D. Review of Integrity Discrepancies', 'partial'),
  p(
    'When FRIA receives a Referral, it shall assign the Referral to an analyst, who shall determine ' +
      'whether the discrepancy reflects an error in the submission, an error in the inventory, or a ' +
      'possible unauthorized disposition. The analyst shall complete that determination within [[b7E twenty ' +
      'Business Days, or five Business Days for a Referral in the highest severity band.]]',
  ),
  p(
    'If the analyst concludes that the submission is in error, FRIA shall return the Referral to the ' +
      'Participating Agency for correction. If the analyst concludes that the inventory is in error, FRIA ' +
      'shall correct the inventory and notify OIDE so that the affected Validation Rules can be updated.',
  ),
  p(
    'If the analyst concludes that an unauthorized disposition may have occurred, FRIA shall [[b5 open a ' +
      'preliminary inquiry, request the relevant disposition records from the agency, and decide within ' +
      'thirty days whether to notify the Archivist under 44 U.S.C. § 3106.]] FRIA shall inform OIDE of the ' +
      'outcome of each Referral but shall not disclose the identity of any individual employee.',
  ),
  h2('E. Rejected Submissions and Corrections', 'readable'),
  p(
    'A validation report that rejects a submission shall identify each element that failed validation, the ' +
      'rule that it failed, and the value that was received. The submitting agency may correct and resubmit ' +
      'the rejected records without resubmitting the records that passed validation.',
  ),
  p(
    'An agency that believes a submission was rejected in error may ask OIDE to review the rejection. OIDE ' +
      'shall respond within five Business Days and, if it agrees that the rejection was in error, shall ' +
      'correct the affected rule and revalidate the submission. Disagreements about the content of a rule ' +
      'shall be referred to the Working Group.',
  ),
  h2('F. Testing and Onboarding', 'readable'),
  p(
    'Before submitting production data, each new Participating Agency shall complete a test cycle in the ' +
      'OIDE staging environment using synthetic records that reflect the structure of its actual holdings. ' +
      'OIDE shall certify the agency for production submission once three consecutive test files have ' +
      'passed validation without error.',
  ),
  p(
    'OIDE shall hold onboarding sessions at least quarterly and shall make recorded sessions, sample files, ' +
      'and a current copy of the interface control document available to Participating Agencies on request. ' +
      'FRIA shall take part in each session to explain the Validation Rules and the referral process.',
  ),

  // ---------------------------------------------------------------- VII
  h1('VII. SECURITY AND PRIVACY SAFEGUARDS', 'readable'),
  p(
    'The Parties shall protect Records Metadata exchanged under this MOU in accordance with the Federal ' +
      'Information Security Modernization Act, the Privacy Act, and the policies of each Party. The ' +
      'safeguards in this Section are minimum requirements and do not limit any additional safeguard that ' +
      'either Party may adopt.',
  ),
  h2('A. Technical Controls', 'redacted'),
  n(
    '[[b7E 1. The Exchange Environment is hosted in a dedicated enclave that is logically separated from ' +
      'other OIDE tenants by firewall rules that the OIDE security operations center reviews every month.]]',
  ),
  n(
    '[[b7E!ops 2. Administrative access requires a PIV credential and a second factor issued from the ' +
      'enclave jump host, and each administrative session is recorded and the recording kept for one year.]]',
  ),
  n(
    '[[b7E 3. Every submission passes through a content inspection service before validation, and a file ' +
      'that contains an executable payload or a macro is quarantined and reported to the submitting agency.]]',
  ),
  n(
    '[[b7E 4. Audit records from the gateway, the validation service, and the referral queue are forwarded ' +
      'in near real time to the OIDE log aggregation platform and correlated against known indicators.]]',
  ),
  h2('B. Incident Reporting', 'partial'),
  p(
    'Each Party shall report any Security Incident involving information exchanged under this MOU to the ' +
      'other Party within one hour of discovery, and to the Cybersecurity and Infrastructure Security Agency ' +
      'as required by applicable guidance. Reports to OIDE shall be made to [[none!leak the enclave duty ' +
      'officer at extension 4471]] or through the after-hours bridge line. Reports to FRIA shall be made to ' +
      'the Chief Information Security Officer or a designee.',
  ),
  p(
    'The Party that experiences the Security Incident shall lead the response, shall keep the other Party ' +
      'informed of its progress, and shall [[b5 consult the other Party before making any public statement ' +
      'that identifies the other Party or describes the data involved.]]',
  ),
  p(
    'If a Security Incident involves personally identifiable information, the Parties shall follow the ' +
      'breach response plan of the Party whose system was affected. Each Party shall bear the cost of any ' +
      'notice to individuals that it is required to give, and [[b5 neither Party shall seek reimbursement ' +
      'from the other for credit monitoring or similar services.]]',
  ),
  p(
    'Within five Business Days after the response to a Security Incident is complete, the Party that led ' +
      'the response shall give the other Party a written summary of the cause of the incident, the data ' +
      'affected, and the corrective actions taken or planned.',
  ),
  h2('C. Personnel Security and Training', 'partial'),
  p(
    'Each Party shall ensure that its employees and contractors with access to the Exchange Environment ' +
      'have completed a background investigation commensurate with the sensitivity of their duties, as well ' +
      'as annual training in privacy and information security. OIDE personnel shall also complete [[b7E the ' +
      'enclave insider threat briefing and the quarterly phishing exercise run by its security office.]]',
  ),
  p(
    'OIDE shall limit administrative access to the Exchange Environment to [[b7E no more than six named ' +
      'administrators, each of whom holds a Tier 4 investigation,]] and shall review the list of ' +
      'authorized administrators each quarter. FRIA analysts shall have read-only access to Referrals and ' +
      'validation reports.',
  ),
  p(
    'Each Party shall revoke the access of any individual who no longer requires it within one Business ' +
      'Day, and shall promptly report to the other Party any misuse of access that it discovers.',
  ),
  h2('D. Records Retention', 'readable'),
  p(
    'Records Metadata, validation reports, and referrals created under this MOU are federal records and ' +
      'shall be retained in accordance with the General Records Schedules and the records schedules of the ' +
      'Party that created them. Validation logs shall be retained for six years after the end of the fiscal ' +
      'year in which they were created.',
  ),
  p(
    'Neither Party shall destroy any record that relates to a pending Integrity Discrepancy, Security ' +
      'Incident, or dispute under this MOU until the matter has been closed and the applicable retention ' +
      'period has expired. A Party that receives a litigation hold notice affecting such records shall ' +
      'inform the other Party within five Business Days.',
  ),
  h2('E. Privacy Act Compliance', 'readable'),
  p(
    'The Parties have determined that Records Metadata ordinarily describes records and series rather than ' +
      'individuals and is not retrieved by the name or other identifier of an individual. If the Parties ' +
      'later determine that any part of the exchange constitutes a system of records, the Party that ' +
      'maintains that system shall publish the required notice before the exchange of that information ' +
      'continues.',
  ),
  p(
    'Neither Party shall use Records Metadata to make any determination about an individual. A Party that ' +
      'receives a request from an individual for access to information exchanged under this MOU shall ' +
      'process the request under its own regulations and shall consult the other Party where appropriate.',
  ),

  // ---------------------------------------------------------------- VIII
  h1('VIII. POINTS OF CONTACT', 'redacted'),
  {
    kind: 'lines',
    text:
      '[[b6 FRIA Program Manager: Harold P. Ventimiglia\nSupervisory Records Analyst, Office of Records ' +
      'Oversight\nTelephone: (202) 555-0183\nEmail: harold.ventimiglia@fria.example.gov]]',
    spaceAfter: 12,
  },
  {
    kind: 'lines',
    text:
      '[[b6 OIDE Program Manager: Yolanda B. Castellanos-Frey\nBranch Chief, Exchange Operations ' +
      'Division\nTelephone: (202) 555-0117\nEmail: y.castellanos-frey@oide.example.gov]]',
    spaceAfter: 12,
  },
  {
    kind: 'lines',
    text:
      '[[b7C OIDE Security Contact: Anselm K. Brightwater\nInformation System Security Officer, Enclave ' +
      'Seven\nTelephone: (571) 555-0192 (24 hours)\nEmail: a.brightwater@oide.example.gov]]',
    spaceAfter: 8,
  },

  // ---------------------------------------------------------------- IX
  h1('IX. FUNDING AND REIMBURSEMENT', 'partial'),
  p(
    'This MOU does not obligate funds. Each Party shall bear its own costs of performing its ' +
      'responsibilities, except that FRIA shall reimburse OIDE for [[b4 the incremental cost of storage and ' +
      'validation capacity attributable to FRIA referrals, estimated at $418,000 for the first fiscal ' +
      'year.]]',
  ),
  p(
    'Any reimbursement shall be made under a separate interagency agreement executed under the Economy ' +
      'Act, which shall specify [[b5!ops the billing rates, the ceiling amount, and the period of ' +
      'performance.]] In the absence of such an agreement, neither Party is obligated to provide goods or ' +
      'services to the other.',
  ),
  p(
    'OIDE shall provide FRIA with a quarterly statement of the costs of operating the exchange, broken ' +
      'down by function. The statement shall identify [[b4 the unit price charged by the hosting contractor ' +
      'for each terabyte of storage and each million validation transactions,]] and the Working Group shall ' +
      'use it in preparing the annual report.',
  ),
  p(
    'All commitments under this MOU are subject to the availability of appropriations. Nothing in this MOU ' +
      'shall be construed to require either Party to obligate or expend funds in violation of the ' +
      'Anti-Deficiency Act, 31 U.S.C. § 1341.',
  ),
  p(
    'If appropriations for either Party are reduced or lapse, the affected Party shall notify the other ' +
      'Party as soon as practicable, and the Parties shall consult on which activities under this MOU can ' +
      'continue. During a lapse in appropriations, OIDE may suspend validation of routine submissions but ' +
      'shall continue to accept and store them.',
  ),

  // ---------------------------------------------------------------- X
  h1('X. OVERSIGHT, AUDIT, AND REPORTING', 'readable'),
  p(
    'Each Party shall cooperate with reviews of the exchange by its own Inspector General, by the ' +
      'Government Accountability Office, and by the other Party as provided in this Section.',
  ),
  h2('A. Audits', 'partial'),
  p(
    'FRIA may audit the operation of the Exchange Environment once in each fiscal year upon thirty days\' ' +
      'notice to OIDE. An audit may include review of validation logs, testing of Validation Rules against ' +
      'sample submissions, and interviews with OIDE staff.',
  ),
  p(
    'The most recent audit, completed in September 2023, found that [[b5 eleven percent of Referrals had ' +
      'been delayed by more than five Business Days and that the failover node had not been tested since ' +
      'it was installed.]] OIDE shall address each audit finding in a written corrective action plan within ' +
      'sixty days.',
  ),
  p(
    'OIDE shall give the audit team access to the Exchange Environment under the supervision of an OIDE ' +
      'administrator, and the audit team shall not copy Records Metadata outside the Exchange Environment ' +
      'except as necessary to document a finding.',
  ),
  h2('B. Performance Measures', 'readable'),
  p(
    'The Working Group shall track at least the following measures and report them each quarter to the ' +
      'heads of the Parties:',
  ),
  n('1. The percentage of submissions validated within two Business Days;'),
  n('2. The number of Integrity Discrepancies referred to FRIA, by agency and by severity;'),
  n('3. The median time from Referral to final determination; and'),
  n('4. The availability of the Exchange Environment during the quarter.'),
  h2('C. Reports to Congress', 'readable'),
  p(
    'Where either Party is required by law to report to Congress on matters relating to the exchange, it ' +
      'shall give the other Party a draft of the relevant portion of the report at least ten Business Days ' +
      'before submission and shall consider in good faith any comments it receives.',
  ),
  h2('D. Corrective Action Plans', 'readable'),
  p(
    'Each corrective action plan shall identify the finding it addresses, the actions to be taken, the ' +
      'official responsible, and a target date. The Working Group shall review open plans at each meeting ' +
      'and may recommend that a plan be closed once the responsible Party shows that the actions are ' +
      'complete and effective.',
  ),

  // ---------------------------------------------------------------- XI
  h1('XI. GENERAL PROVISIONS', 'readable'),
  p('The following provisions govern the interpretation and administration of this MOU.'),
  h2('A. Dispute Resolution', 'readable'),
  p(
    'The Parties shall attempt to resolve any disagreement arising under this MOU at the lowest practicable ' +
      'level. A disagreement that the program managers cannot resolve within thirty days shall be referred ' +
      'in writing to the senior officials designated by each Party, who shall confer and attempt to resolve ' +
      'it within an additional thirty days.',
  ),
  p(
    'If the senior officials are unable to resolve the disagreement, either Party may refer it to the ' +
      'heads of the Parties for decision. Pending resolution, each Party shall continue to perform its ' +
      'responsibilities under this MOU to the extent practicable. Nothing in this Section precludes either ' +
      'Party from seeking the assistance of the Office of Management and Budget.',
  ),
  h2('B. Effective Date and Duration', 'readable'),
  p(
    'This MOU takes effect on the date of the last signature below and remains in effect for five years ' +
      'unless terminated earlier. The Parties shall review the MOU at least once every two years and may ' +
      'extend it for an additional period of up to five years by written agreement.',
  ),
  h2('C. Modification', 'readable'),
  p(
    'This MOU may be modified only by a written amendment signed by authorized officials of both Parties, ' +
      'except that the Working Group may revise Attachment A in accordance with Section VI without a formal ' +
      'amendment. Each revision of Attachment A shall be dated and circulated to Participating Agencies.',
  ),
  h2('D. Termination', 'partial'),
  p(
    'Either Party may terminate this MOU upon ninety days\' written notice to the other Party. Upon ' +
      'termination, OIDE shall return or destroy Records Metadata as directed by FRIA, and each Party shall ' +
      'continue to protect any information received from the other Party in accordance with Section VII.',
  ),
  p(
    'The Parties have agreed that, if this MOU is terminated, [[b5 FRIA will not seek to recover the ' +
      'reimbursements paid for the final fiscal year, and OIDE will retain the validation logs for the ' +
      'remainder of their retention period rather than transfer them.]]',
  ),
  h2('E. Severability and Third Parties', 'readable'),
  p(
    'If any provision of this MOU is found to be inconsistent with law, that provision shall be ' +
      'inoperative and the remaining provisions shall continue in effect. This MOU is an agreement between ' +
      'the Parties only and confers no rights on any third party, including any Participating Agency.',
  ),
  h2('F. Publication', 'readable'),
  p(
    'Either Party may publish this MOU, with any redactions it determines are required by law, on its ' +
      'public website or in response to a request under the Freedom of Information Act. Before publishing, ' +
      'that Party shall give the other Party at least ten Business Days to identify information that it ' +
      'believes should be withheld.',
  ),
  h2('G. Counterparts and Electronic Signatures', 'readable'),
  p(
    'This MOU may be executed in counterparts, each of which shall be deemed an original, and signatures ' +
      'delivered electronically shall have the same effect as original signatures.',
  ),
  p('[Signature page follows.]'),
  { kind: 'pagebreak' },

  // ---------------------------------------------------------------- XII
  h1('XII. APPROVALS', 'partial'),
  p(
    'IN WITNESS WHEREOF, the Parties have caused this Memorandum of Understanding to be executed by their ' +
      'duly authorized officials as of the dates set forth below.',
  ),
  { kind: 'boxStart' },
  {
    kind: 'lines',
    lead: 19,
    indent: 8,
    text:
      'FOR THE FEDERAL RECORDS INTEGRITY AGENCY:\n\n/s/ [[b6 Evelyn T. Drummond-Hale]]\n' +
      'Name: [[b6 Evelyn T. Drummond-Hale]]\nTitle: Deputy Director for Records Oversight\n' +
      'Telephone: [[b6 (202) 555-0144]]\nDate: February 27, 2024',
  },
  { kind: 'boxEnd' },
  { kind: 'boxStart' },
  {
    kind: 'lines',
    lead: 19,
    indent: 8,
    text:
      'FOR THE OFFICE OF INTERAGENCY DATA EXCHANGE:\n\n/s/ [[b6 Marcus A. Whitfield]]\n' +
      'Name: [[b6 Marcus A. Whitfield]]\nTitle: Associate Director, Exchange Operations\n' +
      'Telephone: [[none (202) 555-0102]]\nDate: March 4, 2024',
  },
  { kind: 'boxEnd' },
  { kind: 'pagebreak' },

  // ---------------------------------------------------------------- Attachment A (no numbered heading)
  { kind: 'bar', text: 'ATTACHMENT A — DATA ELEMENTS EXCHANGED', expect: 'partial' },
  p(
    'The data elements below are exchanged under Section VI.A. Elements marked R are required in every ' +
      'submission; elements marked O are optional.',
  ),
  {
    kind: 'table',
    widths: [28, 142, 34, 132, 132],
    header: ['No.', 'Data Element', 'Req.', 'Format', 'Validated Against'],
    rows: [
      ['1', 'Agency Code', 'R', 'Text, 4 characters', 'Agency registry'],
      ['2', 'Series Identifier', 'R', 'Text, 20 characters', 'Schedule inventory'],
      ['3', 'Disposition Authority', 'R', 'Text, 15 characters', '[[b7E CRS ledger rule 7]]'],
      ['4', 'Retention Period', 'R', 'Integer (months)', 'Schedule inventory'],
      ['5', 'Custodian Unit', 'R', 'Text, 60 characters', 'Agency registry'],
      ['6', 'Date Range Start', 'R', 'Date (YYYY-MM-DD)', 'None'],
      ['7', 'Date Range End', 'R', 'Date (YYYY-MM-DD)', 'None'],
      ['8', 'Volume', 'O', 'Decimal (cubic feet)', '[[b7E volume anomaly model]]'],
      ['9', 'Transfer History', 'O', 'Text, 250 characters', '[[b7E Ledger v4 trace]]'],
      ['10', 'Medium', 'O', 'Code list M1 to M6', 'Schedule inventory'],
    ],
  },
  p(
    'Dates are expressed in the form YYYY-MM-DD. Text fields are encoded in UTF-8 and may not contain line ' +
      'breaks. OIDE publishes the complete schema, including field lengths and permitted values, in the ' +
      'interface control document.',
  ),
  p(
    'The Validation Rules applied to elements 3, 8, and 9 are [[b7E derived from the FRIA custody ledger ' +
      'and the volume anomaly model, and their parameters and thresholds are not disclosed to Participating ' +
      'Agencies or to the public.]]',
  ),
];

// ------------------------------------------------------------------------------------------------
// Composer: lays the content out page by page and records the truth while drawing
// ------------------------------------------------------------------------------------------------
interface Part {
  bbox: BBox;
  line: number;
  words: string[];
}
interface SectionState {
  title: string;
  level: number;
  pageStart: number;
  pageEnd: number;
  visibleWords: number;
  hiddenWords: number;
  hasRedaction: boolean;
  expect: Expect;
}
type Role = 'body' | 'heading' | 'title';

class Composer {
  readonly doc: PDFDocument;
  readonly fonts: Record<FontKey, PDFFont>;
  readonly pages: PDFPage[] = [];
  private cursor = 0;
  private lineSerial = 0;
  private lastLineBottom = 0;
  private readonly widthCache = new Map<string, number>();
  private readonly pending = new Map<number, { group: Group; parts: Part[] }>();
  private readonly pageWords: string[][] = [];
  private readonly footerWords: string[][] = [];
  readonly redactions: TruthRedaction[] = [];
  readonly leaks: TruthLeak[] = [];
  readonly negatives: TruthNegative[] = [];
  readonly sections: SectionState[] = [];
  readonly warnings: string[] = [];
  readonly info: string[] = [];
  private box: { page: number; top: number } | null = null;
  private inset = 0;
  private opsVariant = 0;
  private annotCount = 0;

  constructor(doc: PDFDocument, fonts: Record<FontKey, PDFFont>) {
    this.doc = doc;
    this.fonts = fonts;
  }

  get pageNo(): number {
    return this.pages.length;
  }
  private get page(): PDFPage {
    return this.pages[this.pages.length - 1]!;
  }

  /** Advance width as drawn (glyph widths only: pdf-lib does not kern when it draws). */
  width(font: FontKey, size: number, text: string): number {
    let total = 0;
    for (const ch of text) {
      const key = `${font}|${ch}`;
      let w = this.widthCache.get(key);
      if (w === undefined) {
        w = this.fonts[font].widthOfTextAtSize(ch, 1000);
        this.widthCache.set(key, w);
      }
      total += w;
    }
    return (total * size) / 1000;
  }

  private text(s: string, x: number, baseline: number, font: FontKey, size: number, white = false): void {
    this.page.drawText(s, {
      x,
      y: PAGE_H - baseline,
      font: this.fonts[font],
      size,
      color: white ? rgb(1, 1, 1) : rgb(0, 0, 0),
    });
  }

  newPage(): void {
    this.flushPending();
    if (this.box) throw new Error('a bordered box may not cross a page break');
    this.doc.addPage([PAGE_W, PAGE_H]);
    this.pages.push(this.doc.getPages()[this.doc.getPageCount() - 1]!);
    const n = this.pageNo;
    const header = HEADER_TEMPLATE.replace('{n}', String(n));
    this.text(header, (PAGE_W - this.width('Helvetica', 8.5, header)) / 2, 30, 'Helvetica', 8.5);
    this.pageWords.push(header.split(/\s+/));
    const footer = `Page ${n}`;
    this.text(footer, (PAGE_W - this.width('Times-Roman', 10, footer)) / 2, 756, 'Times-Roman', 10);
    this.footerWords.push(footer.split(/\s+/));
    this.cursor = BODY_TOP;
  }

  /** Start a new page unless `height` more points fit below the cursor. */
  private ensure(height: number): void {
    if (this.cursor + height > BODY_BOTTOM + 4) this.newPage();
  }

  private get section(): SectionState | undefined {
    return this.sections[this.sections.length - 1];
  }

  /** A heading starts a section: its body is the text up to the next heading. */
  private openSection(title: string, level: number, expect: Expect): void {
    this.sections.push({
      title,
      level,
      pageStart: this.pageNo,
      pageEnd: this.pageNo,
      visibleWords: 0,
      hiddenWords: 0,
      hasRedaction: false,
      expect,
    });
  }

  /** Draw one line of tokens; records visible words, hidden words and redaction parts. */
  placeLine(toks: Tok[], x0: number, baseline: number, font: FontKey, size: number, role: Role): number {
    const space = this.width(font, size, ' ');
    const xs: number[] = [];
    let x = x0;
    for (const t of toks) {
      xs.push(x);
      x += this.width(font, size, t.text) + space;
    }
    const { asc, desc } = METRICS[font];
    const words = this.pageWords[this.pageNo - 1]!;
    const sec = role === 'body' ? this.section : undefined;
    let i = 0;
    while (i < toks.length) {
      const g = toks[i]!.group;
      let j = i;
      while (j < toks.length && toks[j]!.group === g) j++;
      const run = toks.slice(i, j).map((t) => t.text);
      const rx0 = xs[i]!;
      const rx1 = xs[j - 1]! + this.width(font, size, run[run.length - 1]!);
      if (!g) {
        this.text(run.join(' '), rx0, baseline, font, size);
        words.push(...run);
        if (sec) sec.visibleWords += run.length;
      } else {
        if (role !== 'body') throw new Error('redactions are only allowed in body text');
        if (g.mode !== 'proper') this.text(run.join(' '), rx0, baseline, font, size);
        if (g.mode === 'annot') words.push(...run);
        if (sec) {
          if (g.mode === 'annot') sec.visibleWords += run.length;
          else sec.hiddenWords += run.length;
          sec.hasRedaction = true;
        }
        const part: Part = {
          bbox: [
            rx0 - PAD,
            baseline - (asc * size) / 1000 - PAD,
            rx1 + PAD,
            baseline + (desc * size) / 1000 + PAD,
          ],
          line: this.lineSerial,
          words: run,
        };
        const entry = this.pending.get(g.id) ?? { group: g, parts: [] };
        entry.parts.push(part);
        this.pending.set(g.id, entry);
        g.placed += run.length;
        if (g.placed === g.size) {
          this.finalize(g, entry.parts);
          this.pending.delete(g.id);
        }
      }
      if (sec) sec.pageEnd = this.pageNo;
      i = j;
    }
    this.lineSerial++;
    this.lastLineBottom = baseline + (desc * size) / 1000;
    return x - space - x0;
  }

  private flushPending(): void {
    for (const [id, entry] of this.pending) {
      if (entry.parts.length) this.finalize(entry.group, entry.parts);
      entry.parts = [];
      this.pending.set(id, entry);
    }
  }

  /** Draw the boxes (and labels) of a group's parts on the current page and record the truth. */
  private finalize(g: Group, parts: Part[]): void {
    const page = this.pageNo;
    for (let k = 1; k < parts.length; k++) {
      const prev = parts[k - 1]!;
      const cur = parts[k]!;
      // Consecutive lines of one redaction whose boxes overlap horizontally: make them overlap
      // vertically too, so they read as one region. (A phrase that ends a line and resumes further left
      // on the next one gives two separate regions, as real redaction tools do.)
      const horiz = Math.min(prev.bbox[2], cur.bbox[2]) - Math.max(prev.bbox[0], cur.bbox[0]) > 0;
      if (cur.line === prev.line + 1 && horiz) cur.bbox[1] = Math.min(cur.bbox[1], prev.bbox[3] - 0.5);
    }
    // Connected components: vertically touching and horizontally overlapping parts.
    const parent = parts.map((_, k) => k);
    const find = (k: number): number => (parent[k] === k ? k : (parent[k] = find(parent[k]!)));
    for (let a = 0; a < parts.length; a++) {
      for (let b = a + 1; b < parts.length; b++) {
        const A = parts[a]!.bbox;
        const B = parts[b]!.bbox;
        const vert = A[3] >= B[1] - 0.01 && B[3] >= A[1] - 0.01;
        const horiz = Math.min(A[2], B[2]) - Math.max(A[0], B[0]) > 0;
        if (vert && horiz) parent[find(a)] = find(b);
      }
    }
    const comps = new Map<number, Part[]>();
    parts.forEach((p, k) => {
      const root = find(k);
      comps.set(root, [...(comps.get(root) ?? []), p]);
    });

    if (comps.size > 1) this.info.push(`group ${g.id} on page ${page} split into ${comps.size} regions`);
    for (const comp of comps.values()) {
      const bbox = comp.map((p) => p.bbox).reduce(union);
      const hiddenText = comp.flatMap((p) => p.words).join(' ');
      if (g.mode === 'annot') {
        this.addRedactAnnotation(comp, bbox, g.label ?? '');
        this.redactions.push({
          page,
          bbox: rbox(bbox),
          label: g.label,
          source: 'annotation',
          parts: comp.map((p) => rbox(p.bbox)),
          leaky: true,
          hiddenText,
        });
        this.leaks.push({ page, bbox: rbox(bbox), kind: 'unapplied-annotation', text: hiddenText });
        continue;
      }
      for (const p of comp) this.fillBox(p.bbox, g.draw);
      let label = g.label;
      if (label) {
        const widest = comp.reduce((a, b) => (b.bbox[2] - b.bbox[0] > a.bbox[2] - a.bbox[0] ? b : a));
        const [x0, y0, x1, y1] = widest.bbox;
        let drawn = false;
        for (const size of [LABEL_SIZE, 6.5]) {
          const lw = this.width('Helvetica-Bold', size, label);
          if (lw + 4 <= x1 - x0) {
            const baseline = (y0 + y1) / 2 + (METRICS['Helvetica-Bold'].cap * size) / 1000 / 2;
            this.text(label, (x0 + x1) / 2 - lw / 2, baseline, 'Helvetica-Bold', size, true);
            drawn = true;
            break;
          }
        }
        if (!drawn) {
          this.warnings.push(`label ${label} does not fit on page ${page} over "${hiddenText}"`);
          label = null;
        }
      }
      this.redactions.push({
        page,
        bbox: rbox(bbox),
        label,
        source: 'vector',
        parts: comp.map((p) => rbox(p.bbox)),
        leaky: g.mode === 'leak',
        hiddenText,
      });
      if (g.mode === 'leak') this.leaks.push({ page, bbox: rbox(bbox), kind: 'text-under-box', text: hiddenText });
    }
  }

  private fillBox(b: BBox, how: 'rect' | 'ops'): void {
    const w = b[2] - b[0];
    const h = b[3] - b[1];
    const x = b[0];
    const y = PAGE_H - b[3];
    if (how === 'rect') {
      this.page.drawRectangle({ x, y, width: w, height: h, color: rgb(0, 0, 0) });
      return;
    }
    // Raw operators under a transform, so an analyser has to track the CTM.
    if (this.opsVariant++ % 2 === 0) {
      this.page.pushOperators(
        pushGraphicsState(),
        concatTransformationMatrix(2, 0, 0, 2, x, y),
        setFillingRgbColor(0, 0, 0),
        rectangle(0, 0, w / 2, h / 2),
        fill(),
        popGraphicsState(),
      );
    } else {
      this.page.pushOperators(
        pushGraphicsState(),
        concatTransformationMatrix(1, 0, 0, 1, x + w / 2, y + h),
        concatTransformationMatrix(0.5, 0, 0, 0.5, 0, 0),
        setFillingRgbColor(0, 0, 0),
        rectangle(-w, -2 * h, 2 * w, 2 * h),
        fill(),
        popGraphicsState(),
      );
    }
  }

  private addRedactAnnotation(comp: Part[], bbox: BBox, label: string): void {
    const ctx = this.doc.context;
    const quads: number[] = [];
    for (const p of comp) {
      const [x0, y0, x1, y1] = p.bbox;
      quads.push(x0, PAGE_H - y0, x1, PAGE_H - y0, x0, PAGE_H - y1, x1, PAGE_H - y1);
    }
    this.annotCount++;
    const annot = ctx.obj({
      Type: 'Annot',
      Subtype: 'Redact',
      Rect: [bbox[0], PAGE_H - bbox[3], bbox[2], PAGE_H - bbox[1]],
      QuadPoints: quads,
      OverlayText: PDFString.of(label),
      IC: [0, 0, 0],
      C: [1, 0, 0],
      F: 4,
      NM: PDFString.of(`redact-${this.annotCount}`),
      T: PDFString.of('FOIA Reviewer 3'),
      M: PDFString.of('D:20240308101500Z'),
      Contents: PDFString.of(`Withhold ${label}`),
    });
    this.page.node.addAnnot(ctx.register(annot));
  }

  /** Wrap tokens into lines no wider than `width` (forced breaks on br tokens). */
  private wrap(toks: Tok[], font: FontKey, size: number, width: number): Tok[][] {
    const lines: Tok[][] = [];
    let cur: Tok[] = [];
    let w = 0;
    const space = this.width(font, size, ' ');
    for (const t of toks) {
      if (t.br) {
        lines.push(cur);
        cur = [];
        w = 0;
        continue;
      }
      let tw = this.width(font, size, t.text);
      // Leaky and annotated phrases are kept on one line, so each is one region with one known text.
      const g = t.group;
      const prevGroup = cur.length ? cur[cur.length - 1]!.group : null;
      let need = tw;
      if (g && prevGroup !== g) {
        const words = toks.filter((x) => x.group === g && !x.br).map((x) => x.text);
        const whole = this.width(font, size, words.join(' '));
        if (g.mode !== 'proper') need = whole;
        else if (cur.length && w + space + whole > width) {
          // A redaction that will wrap: don't leave a sliver of it at the end of this line.
          let fit = 0;
          for (const word of words) {
            const next = fit + (fit ? space : 0) + this.width(font, size, word);
            if (w + space + next > width) break;
            fit = next;
          }
          if (fit < 60) need = Infinity;
        }
      }
      if (cur.length && w + space + need > width) {
        lines.push(cur);
        cur = [];
        w = 0;
      }
      w += (cur.length ? space : 0) + tw;
      cur.push(t);
      tw = 0;
    }
    if (cur.length) lines.push(cur);
    return lines;
  }

  private paragraph(
    text: string,
    opts: { font?: FontKey; size?: number; lead?: number; indent?: number; center?: boolean; noWrap?: boolean; role?: Role },
  ): void {
    const font = opts.font ?? 'Times-Roman';
    const size = opts.size ?? BODY_SIZE;
    const lead = opts.lead ?? BODY_LEAD;
    const indent = (opts.indent ?? 0) + this.inset;
    const width = TEXT_W - indent - this.inset;
    const toks = parseMarkup(text);
    const lines = this.wrap(toks, font, size, opts.noWrap ? Infinity : width);
    for (const line of lines) {
      if (this.cursor + lead * 0.77 > BODY_BOTTOM) this.newPage();
      const b = this.cursor + lead * 0.77;
      if (line.length) {
        const lw = line.reduce((s, t) => s + this.width(font, size, t.text), 0) +
          this.width(font, size, ' ') * (line.length - 1);
        if (lw > width + 0.01) throw new Error(`line too wide (${lw.toFixed(1)} > ${width}): ${line.map((t) => t.text).join(' ')}`);
        const x = MARGIN_L + indent + (opts.center ? (width - lw) / 2 : 0);
        this.placeLine(line, x, b, font, size, opts.role ?? 'body');
      } else {
        this.lineSerial++;
      }
      this.cursor += lead;
    }
  }

  build(blocks: Block[]): void {
    this.newPage();
    for (const block of blocks) {
      switch (block.kind) {
        case 'title': {
          this.cursor = BODY_TOP + 6;
          for (const line of block.lines) this.paragraph(line, { font: 'Times-Bold', size: 13, lead: 17, center: true, role: 'title' });
          this.cursor += 8;
          for (const line of block.sub) this.paragraph(line, { center: true, role: 'title' });
          this.cursor += 14;
          break;
        }
        case 'boxStart': {
          this.box = { page: this.pageNo, top: this.cursor };
          this.cursor += 6;
          this.inset = 10;
          break;
        }
        case 'boxEnd': {
          if (!this.box || this.box.page !== this.pageNo) throw new Error('bordered box crosses a page');
          const bottom = this.lastLineBottom + 7;
          const top = this.box.top;
          const bw = 0.8;
          this.page.drawRectangle({
            x: MARGIN_L,
            y: PAGE_H - bottom,
            width: TEXT_W,
            height: bottom - top,
            borderColor: rgb(0, 0, 0),
            borderWidth: bw,
          });
          this.negatives.push({
            page: this.pageNo,
            bbox: rbox([MARGIN_L - bw / 2, top - bw / 2, MARGIN_L + TEXT_W + bw / 2, bottom + bw / 2]),
            kind: 'stroked-rect',
          });
          this.box = null;
          this.inset = 0;
          this.cursor = bottom + 12;
          break;
        }
        case 'h1':
        case 'h2': {
          const level = block.kind === 'h1' ? 1 : 2;
          const before = this.cursor === BODY_TOP ? 0 : level === 1 ? H1_GAP : H2_GAP;
          this.ensure(before + 15 + 3 + 2 * BODY_LEAD);
          if (this.cursor !== BODY_TOP) this.cursor += before;
          if (/\[\[/.test(block.text)) throw new Error('headings cannot be redacted');
          this.openSection(block.text, level, block.expect);
          this.paragraph(block.text, {
            font: 'Times-Bold',
            size: level === 1 ? 12 : 11.5,
            indent: 0,
            noWrap: true,
            role: 'heading',
          });
          this.cursor += 3;
          break;
        }
        case 'p':
          this.paragraph(block.text, {});
          this.cursor += PARA_GAP;
          break;
        case 'n':
          this.paragraph(block.text, { indent: 24 });
          this.cursor += ITEM_GAP;
          break;
        case 'lines':
          this.ensure(block.text.split('\n').length * (block.lead ?? BODY_LEAD));
          // a bold stand-alone line a reader takes for a heading (the notice box's title)
          if (block.heading) this.openSection(block.text, 1, block.heading);
          this.paragraph(block.text, {
            font: block.bold ? 'Times-Bold' : 'Times-Roman',
            lead: block.lead,
            indent: block.indent,
            noWrap: true,
            role: block.heading ? 'heading' : 'body',
          });
          this.cursor += block.spaceAfter ?? 8;
          break;
        case 'pagebreak':
          this.newPage();
          break;
        case 'bar': {
          const h = 16;
          this.ensure(h + 3 * BODY_LEAD);
          const top = this.cursor;
          this.page.drawRectangle({ x: MARGIN_L, y: PAGE_H - top - h, width: TEXT_W, height: h, color: rgb(0, 0, 0) });
          this.negatives.push({ page: this.pageNo, bbox: rbox([MARGIN_L, top, MARGIN_L + TEXT_W, top + h]), kind: 'header-bar' });
          const size = 10.5;
          const baseline = top + h / 2 + (METRICS['Helvetica-Bold'].cap * size) / 1000 / 2;
          const words = block.text.split(/\s+/);
          // the bar's white text is the heading of the attachment: a section of its own
          this.openSection(block.text, 1, block.expect);
          this.text(block.text, MARGIN_L + 8, baseline, 'Helvetica-Bold', size, true);
          this.pageWords[this.pageNo - 1]!.push(...words);
          this.cursor = top + h + 10;
          break;
        }
        case 'table':
          this.table(block.widths, block.header, block.rows);
          break;
      }
    }
    this.flushPending();
    if (this.pageNo !== TOTAL_PAGES) throw new Error(`layout produced ${this.pageNo} pages, expected ${TOTAL_PAGES}`);
    this.pageWords.forEach((w, k) => w.push(...this.footerWords[k]!));
  }

  private table(widths: number[], header: string[], rows: string[][]): void {
    const rowH = 19;
    const size = 10;
    const total = widths.reduce((a, b) => a + b, 0);
    if (Math.abs(total - TEXT_W) > 0.01) throw new Error('table must span the text width');
    const height = rowH * (rows.length + 1);
    this.ensure(height + 6);
    const top = this.cursor + 2;
    const t = 0.6; // rule thickness
    const xs = [MARGIN_L];
    for (const w of widths) xs.push(xs[xs.length - 1]! + w);
    const rule = (b: BBox): void => {
      this.page.drawRectangle({ x: b[0], y: PAGE_H - b[3], width: b[2] - b[0], height: b[3] - b[1], color: rgb(0, 0, 0) });
      this.negatives.push({ page: this.pageNo, bbox: rbox(b), kind: 'table-rule' });
    };
    for (let r = 0; r <= rows.length + 1; r++) {
      const y = top + r * rowH;
      // a heavier rule under the header row
      const th = r === 1 ? 1 : t;
      rule([MARGIN_L, y - th / 2, MARGIN_L + TEXT_W, y + th / 2]);
    }
    for (const x of xs) rule([x - t / 2, top, x + t / 2, top + height]);
    const cap = METRICS['Times-Roman'].cap;
    [header, ...rows].forEach((cells, r) => {
      const baseline = top + r * rowH + rowH / 2 + (cap * size) / 1000 / 2;
      cells.forEach((cell, c) => {
        const font: FontKey = r === 0 ? 'Times-Bold' : 'Times-Roman';
        const toks = parseMarkup(cell);
        const w = this.placeLine(toks, xs[c]! + 5, baseline, font, size, 'body');
        if (w > widths[c]! - 8) throw new Error(`table cell too wide: ${cell}`);
      });
    });
    this.cursor = top + height + 12;
    this.lastLineBottom = top + height;
  }

  /**
   * Sections with statuses, checked against the statuses their own content was written to have,
   * then rolled up into the tree: a section's parent is the nearest earlier one of a smaller level.
   */
  finishSections(): TruthSection[] {
    const statusOf = (visible: number, hidden: number, hasRedaction: boolean): Status => {
      const total = visible + hidden;
      const ratio = total ? visible / total : 1;
      return !hasRedaction ? 'readable' : ratio <= 0.1 ? 'redacted' : 'partial';
    };
    const own = this.sections.map((s) => {
      const status = statusOf(s.visibleWords, s.hiddenWords, s.hasRedaction);
      const total = s.visibleWords + s.hiddenWords;
      const ratio = total ? s.visibleWords / total : 1;
      if (status !== s.expect) throw new Error(`${s.title}: status ${status}, meant to be ${s.expect} (ratio ${ratio.toFixed(2)})`);
      if (status === 'partial' && (ratio < 0.3 || ratio > 0.85)) {
        this.warnings.push(`${s.title}: partial with visible ratio ${ratio.toFixed(2)} (outside 0.30-0.85)`);
      }
      if (status === 'redacted' && s.visibleWords > 0) this.warnings.push(`${s.title}: redacted but has visible words`);
      return status;
    });
    const parents: (number | null)[] = [];
    const stack: number[] = [];
    this.sections.forEach((s, n) => {
      while (stack.length && this.sections[stack[stack.length - 1]!]!.level >= s.level) stack.pop();
      parents.push(stack.length ? stack[stack.length - 1]! : null);
      stack.push(n);
    });
    return this.sections.map((s, n) => {
      const members = this.sections.filter((_, k) => {
        for (let p: number | null = k; p !== null; p = parents[p]!) if (p === n) return true;
        return false;
      });
      const visibleWords = members.reduce((a, m) => a + m.visibleWords, 0);
      const hiddenWords = members.reduce((a, m) => a + m.hiddenWords, 0);
      return {
        title: s.title,
        level: s.level,
        parent: parents[n] === null ? null : this.sections[parents[n]!]!.title,
        pageStart: s.pageStart,
        pageEnd: Math.max(...members.map((m) => m.pageEnd)),
        status: statusOf(visibleWords, hiddenWords, members.some((m) => m.hasRedaction)),
        visibleWords,
        hiddenWords,
        own: { visibleWords: s.visibleWords, hiddenWords: s.hiddenWords, status: own[n]! },
      };
    });
  }

  /** Distinct redaction regions that nearly touch would be ambiguous for a region merger. */
  checkSeparation(): void {
    const vec = this.redactions.filter((r) => r.source === 'vector');
    for (let a = 0; a < vec.length; a++) {
      for (let b = a + 1; b < vec.length; b++) {
        const A = vec[a]!;
        const B = vec[b]!;
        if (A.page !== B.page) continue;
        for (const pa of A.parts) {
          for (const pb of B.parts) {
            const hov = Math.min(pa[2], pb[2]) - Math.max(pa[0], pb[0]);
            const vgap = Math.max(pa[1], pb[1]) - Math.min(pa[3], pb[3]);
            const hgap = -hov;
            const vov = -vgap;
            if ((hov > 0 && vgap < 2) || (vov > 0 && hgap < 2)) {
              this.warnings.push(`regions nearly touch on page ${A.page}: "${A.hiddenText}" / "${B.hiddenText}"`);
            }
          }
        }
      }
    }
  }

  get words(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    this.pageWords.forEach((w, k) => (out[String(k + 1)] = w));
    return out;
  }
}

// ------------------------------------------------------------------------------------------------
// Phase 1: the vector filing
// ------------------------------------------------------------------------------------------------
async function makeVector(): Promise<{ bytes: Uint8Array; truth: Truth; warnings: string[] }> {
  nextGroupId = 1;
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle('Memorandum of Understanding between FRIA and OIDE (redacted)');
  doc.setAuthor('Office of Interagency Data Exchange');
  doc.setSubject('Case 1:24-cv-01873-RDM, Document 42-3');
  doc.setKeywords(['MOU', 'FOIA', 'redacted']);
  doc.setCreator('redactmap sample generator');
  doc.setProducer('pdf-lib');
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  const fonts: Record<FontKey, PDFFont> = {
    'Times-Roman': await doc.embedFont(StandardFonts.TimesRoman),
    'Times-Bold': await doc.embedFont(StandardFonts.TimesRomanBold),
    Helvetica: await doc.embedFont(StandardFonts.Helvetica),
    'Helvetica-Bold': await doc.embedFont(StandardFonts.HelveticaBold),
  };
  const c = new Composer(doc, fonts);
  c.build(CONTENT);
  const sections = c.finishSections();
  c.checkSeparation();
  const bytes = await doc.save({ useObjectStreams: true });
  const byPos = <T extends { page: number; bbox: BBox }>(a: T, b: T): number =>
    a.page - b.page || a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0];
  const truth: Truth = {
    file: 'mou-redacted.pdf',
    pages: TOTAL_PAGES,
    pageSize: [PAGE_W, PAGE_H],
    header: HEADER_TEMPLATE,
    redactions: [...c.redactions].sort(byPos),
    leaks: [...c.leaks].sort(byPos),
    sections,
    negatives: [...c.negatives].sort(byPos),
    pageWords: c.words,
  };
  return { bytes, truth, warnings: c.warnings };
}

// ------------------------------------------------------------------------------------------------
// Phase 2: the scanned twin (rendered, greyed, skewed, noised, JPEG'd; no text layer)
// ------------------------------------------------------------------------------------------------
// 200 dpi with noise made a ~7 MB file; 150 dpi at JPEG quality 65 keeps the scan near 2.7 MB
// and is still comfortably legible for OCR (12 pt body text is ~25 px per em).
const SCAN_DPI = 150;
const SCAN_QUALITY = 65;
const SCAN_SEED = 0x5ca11ed;
const SCAN_NOISE = 3; // standard deviation of the grey noise, in grey levels

interface ScanTruth extends Truth {
  /** How the scan was made. The skew rotates page content about the page centre (306, 396) by
   * `skewDegrees[page-1]`, positive = clockwise as displayed (y down):
   * x' = cx + (x-cx)cos a - (y-cy)sin a,  y' = cy + (x-cx)sin a + (y-cy)cos a. */
  scan: { dpi: number; jpegQuality: number; skewDegrees: number[]; skewCentre: [number, number]; skewSense: string };
}

/** Rotate a point about the page centre by `a` radians (clockwise as displayed, y down). */
function rotatePoint(x: number, y: number, a: number): [number, number] {
  const cx = PAGE_W / 2;
  const cy = PAGE_H / 2;
  const c = Math.cos(a);
  const s = Math.sin(a);
  return [cx + (x - cx) * c - (y - cy) * s, cy + (x - cx) * s + (y - cy) * c];
}

/** Axis-aligned bounding box of a rotated box. */
function rotateBox(b: BBox, a: number): BBox {
  const pts = [rotatePoint(b[0], b[1], a), rotatePoint(b[2], b[1], a), rotatePoint(b[0], b[3], a), rotatePoint(b[2], b[3], a)];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return rbox([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
}

/** Resample a grey image rotated by `a` radians about its centre (bilinear, `paper` outside). */
function rotateGrey(src: Uint8Array, w: number, h: number, a: number, paper: number): Uint8Array {
  const dst = new Uint8Array(w * h);
  const cx = w / 2;
  const cy = h / 2;
  const c = Math.cos(a);
  const s = Math.sin(a);
  for (let y = 0; y < h; y++) {
    const dy = y + 0.5 - cy;
    for (let x = 0; x < w; x++) {
      const dx = x + 0.5 - cx;
      // inverse rotation: where in the source does this output pixel come from
      const sx = cx + dx * c + dy * s - 0.5;
      const sy = cy - dx * s + dy * c - 0.5;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const px = (xx: number, yy: number): number => (xx < 0 || yy < 0 || xx >= w || yy >= h ? paper : src[yy * w + xx]!);
      const top = px(x0, y0) * (1 - fx) + px(x0 + 1, y0) * fx;
      const bottom = px(x0, y0 + 1) * (1 - fx) + px(x0 + 1, y0 + 1) * fx;
      dst[y * w + x] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return dst;
}

async function makeScanned(vectorBytes: Uint8Array, vt: Truth): Promise<{ bytes: Uint8Array; truth: ScanTruth }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { createCanvas } = await import('@napi-rs/canvas');
  const base = path.join(ROOT, 'node_modules', 'pdfjs-dist');
  const src = await pdfjs.getDocument({
    data: new Uint8Array(vectorBytes), // a copy: pdfjs detaches the buffer it is given
    standardFontDataUrl: path.join(base, 'standard_fonts') + '/',
    cMapUrl: path.join(base, 'cmaps') + '/',
    wasmUrl: path.join(base, 'wasm') + '/',
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;

  const out = await PDFDocument.create({ updateMetadata: false });
  out.setTitle('Memorandum of Understanding between FRIA and OIDE (scanned copy)');
  out.setCreator('redactmap sample generator');
  out.setProducer('pdf-lib');
  out.setCreationDate(FIXED_DATE);
  out.setModificationDate(FIXED_DATE);

  // Separate streams, so the skews don't depend on the number of pixels noised.
  const rand = mulberry32(SCAN_SEED);
  const noise = mulberry32(SCAN_SEED ^ 0x9e3779b9);
  const gauss = (): number => (noise() + noise() + noise() - 1.5) * 2; // mean 0, sd 1, bounded
  const scale = SCAN_DPI / 72;
  const skews: number[] = [];
  for (let n = 1; n <= src.numPages; n++) {
    const page = await src.getPage(n);
    const viewport = page.getViewport({ scale });
    const w = Math.round(viewport.width);
    const h = Math.round(viewport.height);
    const canvas = createCanvas(w, h);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, w, h);
    await page.getOperatorList();
    type RenderParams = Parameters<typeof page.render>[0];
    await page.render({
      canvasContext: ctx as unknown as RenderParams['canvasContext'],
      canvas: canvas as unknown as RenderParams['canvas'],
      viewport,
      annotationMode: pdfjs.AnnotationMode.DISABLE,
    }).promise;
    const rgba = ctx.getImageData(0, 0, w, h).data;
    const grey = new Uint8Array(w * h);
    for (let i = 0; i < w * h; i++) {
      grey[i] = Math.round(0.299 * rgba[i * 4]! + 0.587 * rgba[i * 4 + 1]! + 0.114 * rgba[i * 4 + 2]!);
    }

    // Paper tone, toner not quite black, and mild sensor noise, added before the skew so that the
    // resampling softens it as a real scanner's optics would.
    for (let i = 0; i < w * h; i++) {
      const v = 22 + (grey[i]! * 224) / 255 + gauss() * SCAN_NOISE;
      grey[i] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
    }
    // Skew 0.3-0.8 degrees, sign and size varying per page.
    const deg = Math.round((0.3 + 0.5 * rand()) * (rand() < 0.5 ? -1 : 1) * 100) / 100;
    skews.push(deg);
    const rot = rotateGrey(grey, w, h, (deg * Math.PI) / 180, 246);

    // A few speckles (dust on the glass).
    const img = ctx.createImageData(w, h);
    for (let i = 0; i < w * h; i++) {
      const g = rot[i]!;
      img.data[i * 4] = g;
      img.data[i * 4 + 1] = g;
      img.data[i * 4 + 2] = g;
      img.data[i * 4 + 3] = 255;
    }
    const speckles = 25 + Math.floor(rand() * 20);
    for (let k = 0; k < speckles; k++) {
      const sx = Math.floor(rand() * w);
      const sy = Math.floor(rand() * h);
      const r = rand() < 0.8 ? 1 : 2;
      const tone = Math.floor(30 + rand() * 70);
      for (let yy = sy - r; yy <= sy + r; yy++) {
        for (let xx = sx - r; xx <= sx + r; xx++) {
          if (xx < 0 || yy < 0 || xx >= w || yy >= h || (xx - sx) ** 2 + (yy - sy) ** 2 > r * r) continue;
          const i = (yy * w + xx) * 4;
          img.data[i] = img.data[i + 1] = img.data[i + 2] = tone;
        }
      }
    }
    const outCanvas = createCanvas(w, h);
    outCanvas.getContext('2d').putImageData(img, 0, 0);
    const jpeg = await outCanvas.encode('jpeg', SCAN_QUALITY);
    const embedded = await out.embedJpg(jpeg);
    const outPage = out.addPage([PAGE_W, PAGE_H]);
    outPage.drawImage(embedded, { x: 0, y: 0, width: PAGE_W, height: PAGE_H });
    page.cleanup();
  }
  await src.destroy();
  const bytes = await out.save({ useObjectStreams: true });

  const angle = (page: number): number => (skews[page - 1]! * Math.PI) / 180;
  const redactions: TruthRedaction[] = vt.redactions
    .filter((r) => r.source === 'vector')
    .map((r) => {
      const parts = r.parts.map((p) => rotateBox(p, angle(r.page)));
      return {
        page: r.page,
        bbox: parts.reduce(union),
        label: r.label,
        source: 'raster' as const,
        parts,
        leaky: false,
        hiddenText: r.hiddenText,
      };
    });
  const truth: ScanTruth = {
    ...vt,
    file: 'mou-scanned.pdf',
    redactions,
    leaks: [],
    negatives: vt.negatives.map((ng) => ({ ...ng, bbox: rotateBox(ng.bbox, angle(ng.page)) })),
    scan: {
      dpi: SCAN_DPI,
      jpegQuality: SCAN_QUALITY,
      skewDegrees: skews,
      skewCentre: [PAGE_W / 2, PAGE_H / 2],
      skewSense: 'positive = clockwise as displayed (y down)',
    },
  };
  return { bytes, truth };
}

function sha(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

function writeOut(name: string, data: Uint8Array | string): void {
  const file = path.join(OUT_DIR, name);
  writeFileSync(file, data);
  const size = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
  console.log(`  ${path.relative(ROOT, file).padEnd(34)} ${(size / 1024).toFixed(1).padStart(8)} KB  sha256 ${sha(data)}`);
}

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  const vector = await makeVector();
  for (const w of vector.warnings) console.warn(`warning: ${w}`);
  console.log('samples:');
  writeOut('mou-redacted.pdf', vector.bytes);
  writeOut('mou-redacted.truth.json', JSON.stringify(vector.truth, null, 2) + '\n');
  const t = vector.truth;
  console.log(
    `  vector: ${t.redactions.length} redactions, ${t.leaks.length} leaks, ${t.negatives.length} negatives, ` +
      `${t.sections.length} sections`,
  );
  for (const s of t.sections) {
    const title = `${s.parent ? '  ' : ''}${s.title}`;
    console.log(`    ${title.padEnd(52)} p${s.pageStart}-${s.pageEnd}  ${s.status.padEnd(8)} ${s.visibleWords}/${s.hiddenWords}`);
  }
  const scanned = await makeScanned(vector.bytes, vector.truth);
  writeOut('mou-scanned.pdf', scanned.bytes);
  writeOut('mou-scanned.truth.json', JSON.stringify(scanned.truth, null, 2) + '\n');
  console.log(`  scanned: ${scanned.truth.redactions.length} redactions, skew ${scanned.truth.scan.skewDegrees.join(' ')} deg`);
}

await main();
