// The XMP metadata packet of the press PDF: what Info says (title, author, dates, producer,
// Trapped), the PDF/X identification (pdfx: for X-1a:2001 as Acrobat writes it, pdfxid: for X-4),
// and the document and instance IDs X-4 requires.
import type { PdfxStandard } from '../config/layout.js';
import { PDFX_CONFORMANCE, PDFX_VERSION } from './profiles.js';

export interface XmpFields {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string[];
  lang: string;
  created: Date;
  producer: string;
  creatorTool: string;
  pdfx: PdfxStandard;
  documentId: string;
  instanceId: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function xmpPacket(f: XmpFields): string {
  const date = f.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const alt = (v: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${esc(v)}</rdf:li></rdf:Alt>`;
  const pdfx =
    f.pdfx === 'x1a'
      ? `<pdfx:GTS_PDFXVersion>${PDFX_VERSION.x1a}</pdfx:GTS_PDFXVersion>\n   <pdfx:GTS_PDFXConformance>${PDFX_CONFORMANCE}</pdfx:GTS_PDFXConformance>`
      : `<pdfxid:GTS_PDFXVersion>${PDFX_VERSION.x4}</pdfxid:GTS_PDFXVersion>`;
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title>${alt(f.title)}</dc:title>
${f.author ? `   <dc:creator><rdf:Seq><rdf:li>${esc(f.author)}</rdf:li></rdf:Seq></dc:creator>\n` : ''}${
  f.subject ? `   <dc:description>${alt(f.subject)}</dc:description>\n` : ''
}   <dc:language><rdf:Bag><rdf:li>${esc(f.lang)}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>${date}</xmp:CreateDate>
   <xmp:ModifyDate>${date}</xmp:ModifyDate>
   <xmp:MetadataDate>${date}</xmp:MetadataDate>
   <xmp:CreatorTool>${esc(f.creatorTool)}</xmp:CreatorTool>
   <pdf:Producer>${esc(f.producer)}</pdf:Producer>
${f.keywords?.length ? `   <pdf:Keywords>${esc(f.keywords.join(' '))}</pdf:Keywords>\n` : ''}   <pdf:Trapped>False</pdf:Trapped>
   <xmpMM:DocumentID>${f.documentId}</xmpMM:DocumentID>
   <xmpMM:InstanceID>${f.instanceId}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   ${pdfx}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
${' '.repeat(2000)}
<?xpacket end="w"?>`;
}
