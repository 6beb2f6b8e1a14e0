package eu.mostbridge.trust.web;

import eu.mostbridge.trust.web.ResultView.ListView;
import eu.mostbridge.trust.web.ResultView.SignatureView;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The result as a PDF a clerk can file: the verdicts in the reader's language and the details, in
 * Liberation Sans (its Cyrillic glyphs embedded, as a subset). Made with PDFBox, which DSS brings.
 */
public final class SummaryPdf {
  private static final float MARGIN = 56;
  private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

  private SummaryPdf() {}

  /** The summary PDF of a result. */
  public static byte[] of(ResultView result, Texts t, boolean demo) {
    try (PDDocument pdf = new PDDocument();
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDType0Font regular = font(pdf, "LiberationSans-Regular.ttf");
      PDType0Font bold = font(pdf, "LiberationSans-Bold.ttf");
      PDDocumentInformation info = pdf.getDocumentInformation();
      info.setTitle(t.format("pdf_title"));
      info.setProducer("Most trust services");
      Writer w = new Writer(pdf, regular);
      w.line(bold, 16, t.format("pdf_title"));
      if (demo) {
        w.line(bold, 10, t.format("demo_notice"));
      }
      w.gap();
      w.field(t.format("document"), result.documentName());
      w.field("SHA-256", result.documentSha256());
      w.field(t.format("validated_at"), result.validationTime());
      w.field(t.format("signatures"), result.signatureCount());
      for (SignatureView s : result.signatures()) {
        w.gap();
        w.line(bold, 12, s.heading() + ": " + s.verdict());
        w.paragraph(regular, 10, s.explanation());
        w.field(t.format("signed_by"), s.signer());
        w.field(t.format("identifier"), s.identifier());
        w.field(t.format("signing_time"), s.signingTime());
        w.field(t.format("best_time"), s.bestSignatureTime());
        w.field(t.format("format"), s.format());
        w.field(t.format("indication"), s.indication());
        w.field(t.format("sub_indication"), s.subIndication());
        w.field(t.format("qualification"), s.qualification());
        w.field(t.format("trust_source"), s.trustSource());
      }
      w.gap();
      w.line(bold, 12, t.format("lists_used") + " (" + result.snapshot() + ")");
      for (ListView list : result.lists()) {
        w.paragraph(regular, 9, list.name() + ": " + list.detail());
      }
      w.gap();
      w.paragraph(regular, 8, t.format("pdf_footer"));
      w.close();
      pdf.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static PDType0Font font(PDDocument pdf, String file) throws IOException {
    try (InputStream in =
        SummaryPdf.class.getClassLoader().getResourceAsStream("liberation/" + file)) {
      if (in == null) {
        throw new IOException("The font " + file + " is not on the class path");
      }
      return PDType0Font.load(pdf, in);
    }
  }

  /** Lines down the pages, a new page when one is full. */
  private static final class Writer {
    private final PDDocument pdf;
    private final PDType0Font regular;
    private PDPageContentStream page;
    private float y;

    Writer(PDDocument pdf, PDType0Font regular) throws IOException {
      this.pdf = pdf;
      this.regular = regular;
      newPage();
    }

    void field(String label, String value) throws IOException {
      if (value == null || value.isBlank()) {
        return;
      }
      paragraph(regular, 10, label + ": " + value);
    }

    void line(PDType0Font font, float size, String text) throws IOException {
      paragraph(font, size, text);
    }

    void paragraph(PDType0Font font, float size, String text) throws IOException {
      for (String line : wrap(font, size, printable(font, text))) {
        if (y < MARGIN + size) {
          newPage();
        }
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(MARGIN, y);
        page.showText(line);
        page.endText();
        y -= size * 1.4f;
      }
    }

    void gap() {
      y -= 8;
    }

    void close() throws IOException {
      page.close();
    }

    private void newPage() throws IOException {
      if (page != null) {
        page.close();
      }
      PDPage next = new PDPage(PDRectangle.A4);
      pdf.addPage(next);
      page = new PDPageContentStream(pdf, next);
      y = PDRectangle.A4.getHeight() - MARGIN;
    }

    /** The text with every character the font cannot draw (an emoji in a name) as '?'. */
    private static String printable(PDType0Font font, String text) {
      StringBuilder out = new StringBuilder();
      text.codePoints()
          .forEach(
              c -> {
                String one = new String(Character.toChars(c));
                try {
                  font.encode(one);
                  out.append(one);
                } catch (IOException | IllegalArgumentException e) {
                  out.append('?');
                }
              });
      return out.toString();
    }

    private static List<String> wrap(PDType0Font font, float size, String text) throws IOException {
      List<String> lines = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      for (String word : text.replace('\n', ' ').split(" ", -1)) {
        String candidate = line.isEmpty() ? word : line + " " + word;
        if (font.getStringWidth(candidate) / 1000 * size > WIDTH && !line.isEmpty()) {
          lines.add(line.toString());
          line = new StringBuilder(word);
        } else {
          line = new StringBuilder(candidate);
        }
      }
      if (!line.isEmpty()) {
        lines.add(line.toString());
      }
      return lines;
    }
  }
}
