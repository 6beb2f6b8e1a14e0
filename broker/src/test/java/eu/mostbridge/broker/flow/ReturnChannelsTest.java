package eu.mostbridge.broker.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.mostbridge.identity.CommonIdentity;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of channel has exactly one end, or Most does not start. */
class ReturnChannelsTest {
  private static ChannelEnd endOf(Class<? extends ReturnChannel> channel) {
    return new ChannelEnd() {
      @Override
      public Class<? extends ReturnChannel> channel() {
        return channel;
      }

      @Override
      public Response prepare(LoginFlow flow, CommonIdentity identity, String method) {
        return Response.ok().build();
      }

      @Override
      public Response refuse(LoginFlow flow, LoginRefusal refusal) {
        return Response.ok().build();
      }
    };
  }

  @Test
  void eachKindOfChannelHasItsEnd() {
    ChannelEnd oidc = endOf(OidcReturn.class);
    ChannelEnd saml = endOf(SamlReturn.class);

    assertThat(ReturnChannels.byChannel(List.of(oidc, saml)))
        .containsEntry(OidcReturn.class, oidc)
        .containsEntry(SamlReturn.class, saml);
  }

  @Test
  void aKindOfChannelWithoutAnEndStopsStartUp() {
    assertThatThrownBy(() -> ReturnChannels.byChannel(List.of(endOf(OidcReturn.class))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SamlReturn");
  }

  @Test
  void twoEndsForOneKindStopStartUp() {
    assertThatThrownBy(
            () ->
                ReturnChannels.byChannel(List.of(endOf(OidcReturn.class), endOf(OidcReturn.class))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Two ends");
  }
}
