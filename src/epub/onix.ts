// The ONIX 3.0 product record distributors send to retailers with the EPUB (reference tags).
// Every value comes from the series configuration and the package metadata, so the record and the
// book never disagree; the sent date is the volume's modified date, so the same input gives the
// same file. Code lists: 5 (identifier), 150/175 (form), 220 (EPUB version), 196/143 (a11y, hazard),
// 27 (subject scheme).
import { escapeHtml as escape } from '../output/html-document.js';
import type { BookDescription } from './package.js';
import { SUBJECT_SCHEMES, type Series, type Volume } from '../config/series.js';

/** MARC relator → ONIX code list 17 contributor role */
const ROLES: Record<string, string> = { aut: 'A01', ill: 'A12', pht: 'A13', edt: 'B01', trl: 'B06', com: 'C01' };

/** schema.org accessibilityFeature → ONIX code list 196 */
const FEATURES: Record<string, string> = {
  tableOfContents: '11',
  readingOrder: '13',
  alternativeText: '14',
};

/** BCP 47 primary language → ISO 639-2/B, as ONIX wants */
const LANGUAGES: Record<string, string> = {
  zh: 'chi',
  en: 'eng',
  mn: 'mon',
  bo: 'tib',
  ug: 'uig',
  kk: 'kaz',
  ko: 'kor',
  ja: 'jpn',
  ru: 'rus',
  fr: 'fre',
  de: 'ger',
  es: 'spa',
  ar: 'ara',
};

/**
 * The language and country ONIX names for a BCP 47 tag: zh-CN, zh-Hans-CN and zh-Hans all give
 * chi (and CN when the tag has a region); a script (Hans) or a numeric region (419) is no country.
 */
export function onixLanguage(tag: string): { language: string; country?: string } {
  const [primary, first = '', second = ''] = tag.split('-');
  const lower = primary.toLowerCase();
  const isRegion = (part: string) => /^[A-Za-z]{2}$/.test(part);
  const region = isRegion(first) ? first : /^[A-Za-z]{4}$/.test(first) && isRegion(second) ? second : undefined;
  return { language: LANGUAGES[lower] ?? lower, country: region?.toUpperCase() };
}

const el = (tag: string, value: string | number) => `<${tag}>${escape(String(value))}</${tag}>`;

function feature(type: string, value: string, description?: string): string {
  return `<ProductFormFeature>${el('ProductFormFeatureType', type)}${el('ProductFormFeatureValue', value)}${
    description ? el('ProductFormFeatureDescription', description) : ''
  }</ProductFormFeature>`;
}

/**
 * The description as ONIX Text: one paragraph as plain text; several (apart by a blank line in
 * series.yaml) as XHTML paragraphs (textformat 05), which retailers show as paragraphs. Run
 * together, a retailer's page read 更多。  第二段.
 */
function descriptionText(description: string): string {
  const paras = description.split(/\n\n+/);
  if (paras.length < 2) return el('Text', description);
  return `<Text textformat="05">${paras.map((p) => el('p', p)).join('')}</Text>`;
}

/**
 * The copyright statement as the book's rights (dc:rights) make it: the years they name (else the
 * publication year), and as owner whoever of the publisher and the creators they name. A rights line
 * that names neither gives no owner rather than one the book does not state.
 */
function copyrightStatement(rights: string, date: string, publisher: string, creators: BookDescription['creators']): string {
  const years = [...new Set(rights.match(/(?<!\d)(?:1[5-9]|20)\d{2}(?!\d)/g) ?? [date.slice(0, 4)])];
  const owners = [
    ...(rights.includes(publisher) ? [el('CorporateName', publisher)] : []),
    ...creators
      .filter((c) => c.name !== publisher && rights.includes(c.name))
      .map((c) => el(c.kind === 'organisation' ? 'CorporateName' : 'PersonName', c.name)),
  ];
  return `<CopyrightStatement>${years.map((y) => el('CopyrightYear', y)).join('')}${owners
    .map((o) => `<CopyrightOwner>${o}</CopyrightOwner>`)
    .join('')}</CopyrightStatement>`;
}

/** Keywords as ONIX separates them, by ASCII semicolons: 政协；履职 (typed full-width) gives 政协;履职 */
const keywordList = (heading: string) =>
  heading
    .split(/[;；]/)
    .map((w) => w.trim())
    .filter(Boolean)
    .join(';');

export function onixRecord(series: Series, volume: Volume, book: BookDescription): string {
  const { language, country } = onixLanguage(book.lang);
  const compactDate = (iso: string) => iso.replace(/[-:]/g, '').replace(/T(\d{4})\d{2}Z$/, 'T$1Z');
  const id = book.identifier;
  const productId = id.isbn
    ? `<ProductIdentifier>${el('ProductIDType', '15')}${el('IDValue', id.isbn)}</ProductIdentifier>`
    : `<ProductIdentifier>${el('ProductIDType', '01')}${el('IDTypeName', 'UUID')}${el('IDValue', id.uuid)}</ProductIdentifier>`;
  const a11y = [
    // EPUB Accessibility 1.1, WCAG 2.1, level AA: the claim the package's dcterms:conformsTo makes, when it makes one
    ...(book.a11y.conformsTo ? [feature('09', '04'), feature('09', '81'), feature('09', '85')] : []),
    // Who evaluated it (list 196, 90: compliance certification by, name), as the package's a11y:certifiedBy
    ...(book.a11y.certifiedBy ? [feature('09', '90', book.a11y.certifiedBy)] : []),
    feature('09', '10'), // nothing in the file disables reading-system accessibility options
    ...book.a11y.features.filter((f) => FEATURES[f]).map((f) => feature('09', FEATURES[f])),
    // accessModeSufficient textual: all non-decorative content supports reading without sight
    ...(book.a11y.sufficient.includes('textual') ? [feature('09', '52')] : []),
    feature('09', '00', book.a11y.summary),
    feature('12', '00'), // no known hazards (list 143)
  ];
  const contributors = book.creators.length
    ? book.creators
        .map(
          (c, i) =>
            // A body (内蒙古日报社) is a CorporateName; a person a PersonName, with the name as catalogues sort it.
            `<Contributor>${el('SequenceNumber', i + 1)}${el('ContributorRole', ROLES[c.role] ?? 'A01')}${
              c.kind === 'organisation'
                ? el('CorporateName', c.name)
                : `${el('PersonName', c.name)}${c.fileAs ? el('PersonNameInverted', c.fileAs) : ''}`
            }</Contributor>`,
        )
        .join('\n      ')
    : '<NoContributor/>';
  // Subjects (code list 27): the series' and the volume's, the first of a scheme its main subject.
  const mains = new Set<string>();
  const subjects = book.subjects
    .map((s) => {
      const scheme = SUBJECT_SCHEMES[s.scheme as keyof typeof SUBJECT_SCHEMES];
      const main = !mains.has(s.scheme) && s.scheme !== 'keywords';
      mains.add(s.scheme);
      return `\n      <Subject>${main ? '<MainSubject/>' : ''}${el('SubjectSchemeIdentifier', scheme.onix)}${s.code ? el('SubjectCode', s.code) : ''}${
        s.heading ? el('SubjectHeadingText', s.scheme === 'keywords' ? keywordList(s.heading) : s.heading) : ''
      }</Subject>`;
    })
    .join('');
  const title = `<TitleElement>${el('TitleElementLevel', '01')}${el('TitleText', book.title)}${book.subtitle ? el('Subtitle', book.subtitle) : ''}</TitleElement>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<ONIXMessage release="3.0" xmlns="http://ns.editeur.org/onix/3.0/reference">
  <Header>
    <Sender>${el('SenderName', series.publisher)}</Sender>
    ${el('SentDateTime', compactDate(book.modified))}
    ${el('DefaultLanguageOfText', language)}
  </Header>
  <Product>
    ${el('RecordReference', `${series.slug}-${volume.number}`)}
    ${el('NotificationType', '03')}
    ${productId}
    <DescriptiveDetail>
      ${el('ProductComposition', '00')}
      ${el('ProductForm', 'ED')}
      ${el('ProductFormDetail', 'E101')}
      ${feature('15', '101E')}
      ${a11y.join('\n      ')}
      ${el('PrimaryContentType', '10')}
      ${el('EpubTechnicalProtection', '00')}
      <Collection>
        ${el('CollectionType', '10')}
        <CollectionSequence>${el('CollectionSequenceType', '03')}${el('CollectionSequenceNumber', volume.number)}</CollectionSequence>
        <TitleDetail>${el('TitleType', '01')}<TitleElement>${el('TitleElementLevel', '02')}${el('PartNumber', volume.number)}${el('TitleText', series.name)}</TitleElement></TitleDetail>
      </Collection>
      <TitleDetail>${el('TitleType', '01')}${title}</TitleDetail>
      ${contributors}
      <Language>${el('LanguageRole', '01')}${el('LanguageCode', language)}${country ? el('CountryCode', country) : ''}</Language>${subjects}
    </DescriptiveDetail>
    <CollateralDetail>
      <TextContent>${el('TextType', '03')}${el('ContentAudience', '00')}${descriptionText(book.description)}</TextContent>
    </CollateralDetail>
    <PublishingDetail>
      <Publisher>${el('PublishingRole', '01')}${el('PublisherName', series.publisher)}</Publisher>
      ${el('PublishingStatus', '04')}
      <PublishingDate>${el('PublishingDateRole', '01')}${el('Date', book.date.replace(/-/g, ''))}</PublishingDate>
      ${copyrightStatement(book.rights, book.date, series.publisher, book.creators)}
    </PublishingDetail>
  </Product>
</ONIXMessage>
`;
}
