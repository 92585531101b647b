package io.github.anonftp.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import io.github.anonftp.Settings;
import io.github.anonftp.email.EmailPolicy;
import io.github.anonftp.email.EmailPolicyConfig;
import io.github.anonftp.email.EmailVerdict;
import io.github.anonftp.email.Strictness;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code check-email}: one verdict line ({@code accept|placeholder|reject}, TAB, reason) per input line,
 * in order, UTF-8 in and out whatever the locale. One trailing CR per line is dropped; a line that is
 * not valid UTF-8 is {@code reject	invalid-utf8} (FtpServer itself answers such a PASS with 501).
 */
@Command(name = "check-email", mixinStandardHelpOptions = true,
        description = "Reads passwords, one per line, and prints the e-mail policy's verdict for each.")
final class CheckEmailCommand implements Callable<Integer> {

    @Option(names = "--email-policy", paramLabel = "off|trivial|rfc5321", defaultValue = "rfc5321",
            description = "Strictness level (default: ${DEFAULT-VALUE}).")
    String emailPolicy;

    private final InputStream in;
    private final PrintStream out;

    CheckEmailCommand(InputStream in, PrintStream out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        EmailPolicy policy = EmailPolicy.of(EmailPolicyConfig.builder()
                .strictness(Settings.parseEnum("emailPolicy.strictness", emailPolicy, Strictness.class))
                .build());
        InputStream input = new BufferedInputStream(in);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        boolean pending = false;
        while ((b = input.read()) != -1) {
            if (b == '\n') {
                out.println(verdictLine(policy, line.toByteArray()));
                line.reset();
                pending = false;
            } else {
                line.write(b);
                pending = true;
            }
        }
        if (pending) {
            out.println(verdictLine(policy, line.toByteArray()));
        }
        out.flush();
        return 0;
    }

    private static String verdictLine(EmailPolicy policy, byte[] raw) {
        int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
        String password;
        try {
            password = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return "reject\tinvalid-utf8";
        }
        EmailVerdict verdict = policy.check(password);
        return verdict.kind().token() + "\t" + verdict.reason();
    }
}
