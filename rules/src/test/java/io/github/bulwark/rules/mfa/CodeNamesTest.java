package io.github.bulwark.rules.mfa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import io.github.bulwark.core.engine.Engine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Names read as one-time codes or OTP secrets, including the squashed-name shortcut's edges. */
class CodeNamesTest {

  private static Node where(String typeName) {
    return Engine.newParser().parse("class " + typeName + " { void m() { int x = 0; } }")
        .getResult().orElseThrow().findFirst(VariableDeclarator.class).orElseThrow();
  }

  @ParameterizedTest(name = "{0} in {1}: code {2}, secret {3}")
  @CsvSource({
      "one_time,        Accounts,   false, false",
      "Onetime,         Accounts,   true,  false",
      "ONE_TIME_VALUE,  Accounts,   false, false",
      "two_Factor,      Accounts,   true,  false",
      "userPIN,         Accounts,   true,  false",
      "totpValue,       Accounts,   true,  false",
      "sms2FA,          Accounts,   true,  false",
      "code,            Accounts,   false, false",
      "code,            OtpService, true,  false",
      "statusCode,      OtpService, false, false",
      "counter,         OtpService, false, false",
      "otpSecret,       Accounts,   false, true",
      "MFA_SEED,        Accounts,   false, true",
      "secret,          TotpHelper, false, true",
      "apiKey,          TotpHelper, false, false",
      "k_e_y,           Accounts,   false, false",
      "pi_n_code,       Accounts,   false, false"})
  void readsNames(String name, String type, boolean code, boolean secret) {
    Node node = where(type);
    assertEquals(code, CodeNames.isCodeName(name, node), "code");
    assertEquals(secret, CodeNames.isOtpSecretName(name, node), "secret");
  }
}
