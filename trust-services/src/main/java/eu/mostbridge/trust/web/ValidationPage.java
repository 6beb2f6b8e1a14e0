package eu.mostbridge.trust.web;

import eu.mostbridge.trust.api.Uploads;
import eu.mostbridge.trust.config.TrustConfig;
import eu.mostbridge.trust.lists.Outbound;
import eu.mostbridge.trust.validation.DocumentValidations;
import eu.mostbridge.trust.validation.ValidationInput;
import eu.mostbridge.trust.validation.ValidationProblem;
import eu.mostbridge.trust.validation.ValidationSummary;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The page for people: upload a signed file, read the answer in plain words in bg, mk or en, the
 * details folded below, and download the ETSI report and a PDF summary. The downloads are carried
 * in the page itself ({@code data:} links), so nothing of the result is kept on the server.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ValidationPage {
  static final String CSP =
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self';"
          + " frame-ancestors 'none'; base-uri 'none'";

  private final Engine engine;
  private final DocumentValidations validations;
  private final TrustConfig config;
  private final Outbound outbound;
  private final long maxBodyBytes;

  public ValidationPage(
      Engine engine, DocumentValidations validations, TrustConfig config, Outbound outbound) {
    this.engine = engine;
    this.validations = validations;
    this.config = config;
    this.outbound = outbound;
    this.maxBodyBytes = config.validation().maxUploadMegabytes() * 1024L * 1024L;
  }

  @GET
  public Response upload(
      @QueryParam("lang") String lang, @HeaderParam("Accept-Language") String acceptLanguage) {
    Texts t = Texts.choose(Optional.ofNullable(lang), acceptLanguage);
    return render(200, "upload", t, Map.of());
  }

  @POST
  @Path("check")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  public Response check(
      @RestForm("document") FileUpload document,
      @RestForm("original") List<FileUpload> originals,
      @RestForm("visualComparison") String visualComparison,
      @RestForm("lang") String lang,
      @HeaderParam("Accept-Language") String acceptLanguage) {
    Texts t = Texts.choose(Optional.ofNullable(lang), acceptLanguage);
    ValidationSummary summary;
    try {
      ValidationInput input;
      try {
        input = Uploads.input(document, originals, visualComparison, config);
      } catch (ValidationProblem problem) {
        throw validations.refused(problem, "page");
      }
      summary = validations.validate(input, "page");
    } catch (ValidationProblem problem) {
      return refusal(problem.kind().status(), problem.kind().code(), t);
    }
    ResultView result = ResultView.of(summary, t);
    boolean demo = outbound.fixtures().isPresent();
    return render(
        200,
        "result",
        t,
        Map.of(
            "result",
            result,
            "reportHref",
            "data:application/xml;base64,"
                + Base64.getEncoder()
                    .encodeToString(
                        summary.etsiValidationReport().getBytes(StandardCharsets.UTF_8)),
            "pdfHref",
            "data:application/pdf;base64,"
                + Base64.getEncoder().encodeToString(SummaryPdf.of(result, t, demo))));
  }

  /** A refused check as a page, in the reader's language. */
  public Response refusal(int status, String code, Texts t) {
    return render(
        status,
        "refused",
        t,
        Map.of("message", t.format("error_" + code, maxBodyBytes / (1024 * 1024))));
  }

  /** What every page shows: texts, language links, the demo notice, the upload limit. */
  static Map<String, Object> common(Texts t, boolean demo, long megabytes) {
    Map<String, Object> data = new HashMap<>();
    data.put("t", t.all());
    data.put("lang", t.language());
    data.put(
        "languages",
        Texts.LANGUAGES.stream()
            .map(
                l ->
                    Map.of(
                        "code",
                        l,
                        "name",
                        t.format("language_" + l),
                        "current",
                        l.equals(t.language())))
            .toList());
    data.put("demo", demo);
    data.put("limitText", t.format("limit", megabytes));
    return data;
  }

  private Response render(int status, String name, Texts t, Map<String, Object> data) {
    Template page = engine.getTemplate(name);
    Map<String, Object> all =
        common(t, outbound.fixtures().isPresent(), maxBodyBytes / (1024 * 1024));
    all.putAll(data);
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
        .header("Cache-Control", "no-store")
        .header("Content-Security-Policy", CSP)
        .header("X-Frame-Options", "DENY")
        .header("X-Content-Type-Options", "nosniff")
        .header("Referrer-Policy", "no-referrer")
        .entity(page.data(all).render())
        .build();
  }
}
