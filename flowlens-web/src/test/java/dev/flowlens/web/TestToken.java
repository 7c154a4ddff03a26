package dev.flowlens.web;

import static dev.flowlens.web.Http.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowlens.web.Http.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With a token, every request (pages, scripts, API) must carry it. */
class TestToken {
    static final String TOKEN = "s3cret-token";

    @RegisterExtension
    static final WebWorkspace WEB = new WebWorkspace(TOKEN);

    @Test
    void requestsWithoutTheTokenAreRefusedEverywhere() {
        for (String path :
                new String[] {"", "app.js", "vendor/echarts.min.js", "api/info", "api/search?ip=10.0.3.30", "nothing"
                }) {
            Response r = get(WEB.base() + path);
            assertThat(r.status()).as(path).isEqualTo(401);
            assertThat(r.json().get("parameter").asText()).isEqualTo("token");
            assertThat(r.body()).doesNotContain("10.0.3.30");
        }
    }

    @Test
    void aWrongTokenIsRefused() {
        assertThat(get(WEB.base() + "api/info?token=wrong").status()).isEqualTo(401);
        assertThat(get(WEB.base() + "api/info", "Authorization", "Bearer wrong").status())
                .isEqualTo(401);
        assertThat(get(WEB.base() + "api/info", "Cookie", WebServer.TOKEN_COOKIE + "=" + TOKEN + "x")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void theTokenIsAcceptedAsHeaderQueryOrCookie() {
        assertThat(get(WEB.base() + "api/info", "Authorization", "Bearer " + TOKEN)
                        .status())
                .isEqualTo(200);
        Response page = get(WEB.base() + "?token=" + TOKEN);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().headers().firstValue("Set-Cookie").orElse(""))
                .contains(WebServer.TOKEN_COOKIE + "=" + TOKEN)
                .contains("HttpOnly");
        assertThat(get(WEB.base() + "api/info", "Cookie", WebServer.TOKEN_COOKIE + "=" + TOKEN)
                        .status())
                .isEqualTo(200);
        // the token is not an unknown parameter of the endpoint
        assertThat(get(WEB.base() + "api/search?ip=10.0.3.30&token=" + TOKEN).status())
                .isEqualTo(200);
        assertThat(WEB.server().address().url()).endsWith("/?token=" + TOKEN);
    }

    @Test
    void bindingBeyondLoopbackGeneratesATokenAndLoopbackNeedsNone() {
        assertThat(WebServer.tokenFor("127.0.0.1", null)).isNull();
        assertThat(WebServer.tokenFor("::1", "")).isNull();
        String generated = WebServer.tokenFor("0.0.0.0", null);
        assertThat(generated).hasSizeGreaterThanOrEqualTo(32);
        assertThat(WebServer.tokenFor("0.0.0.0", null)).isNotEqualTo(generated);
        assertThat(WebServer.tokenFor("0.0.0.0", "mine")).isEqualTo("mine");
    }
}
