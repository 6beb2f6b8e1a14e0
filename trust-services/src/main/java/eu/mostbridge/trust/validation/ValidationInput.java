package eu.mostbridge.trust.validation;

import eu.europa.esig.dss.model.DSSDocument;
import java.util.List;

/**
 * What a sender asked to validate.
 *
 * @param document the signed file (a PDF, an XML or JSON signature, a {@code .p7s}, an ASiC
 *     container)
 * @param originals the signed originals of a detached signature
 * @param visualComparison whether a PDF's signed revisions are also compared visually (slow)
 */
public record ValidationInput(
    DSSDocument document, List<DSSDocument> originals, boolean visualComparison) {
  public ValidationInput {
    originals = List.copyOf(originals);
  }
}
