package com.example.admin;

import jakarta.servlet.http.HttpSession;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AdminLoginController {

  private final UserRepository users;
  private final PasswordEncoder passwordEncoder;
  private final TotpService totpService;
  private final TokenService tokens;

  AdminLoginController(UserRepository users, PasswordEncoder passwordEncoder,
      TotpService totpService, TokenService tokens) {
    this.users = users;
    this.passwordEncoder = passwordEncoder;
    this.totpService = totpService;
    this.tokens = tokens;
  }

  @PostMapping("/admin/login")
  public ResponseEntity<String> adminLogin(@RequestBody LoginForm form) { // expect: MissingSecondFactor
    User user = users.findByUsername(form.username()).orElseThrow();
    if (!passwordEncoder.matches(form.password(), user.getPasswordHash())) {
      return ResponseEntity.status(401).build();
    }
    return ResponseEntity.ok(tokens.generateToken(user));
  }

  @PostMapping("/operator/login")
  public ResponseEntity<String> operatorLogin(@RequestBody LoginForm form) { // ok: checks the TOTP code
    User user = users.findByUsername(form.username()).orElseThrow();
    if (!passwordEncoder.matches(form.password(), user.getPasswordHash())
        || !totpService.verifyCode(user.getTotpSecret(), form.code())) {
      return ResponseEntity.status(401).build();
    }
    return ResponseEntity.ok(tokens.generateToken(user));
  }

  @PostMapping("/login")
  public ResponseEntity<String> login(@RequestBody LoginForm form, HttpSession session) { // expect: MissingSecondFactor
    User user = users.findByUsername(form.username()).orElseThrow();
    if (!passwordEncoder.matches(form.password(), user.getPasswordHash())) {
      return ResponseEntity.status(401).build();
    }
    if (user.getRoles().contains("ROLE_ADMIN")) {
      session.setAttribute("admin", true);
    }
    session.setAttribute("user", user.getId());
    return ResponseEntity.ok("welcome");
  }

  @PostMapping("/shop/login")
  public ResponseEntity<String> customerLogin(@RequestBody LoginForm form) { // ok: a customer login, not privileged
    User user = users.findByUsername(form.username()).orElseThrow();
    if (!passwordEncoder.matches(form.password(), user.getPasswordHash())) {
      return ResponseEntity.status(401).build();
    }
    return ResponseEntity.ok(tokens.generateToken(user));
  }

  @PostMapping("/staff/login")
  public ResponseEntity<String> staffLogin(@RequestBody LoginForm form) { // ok: sends staff to the 2FA step
    User user = users.findByUsername(form.username()).orElseThrow();
    if (!passwordEncoder.matches(form.password(), user.getPasswordHash())) {
      return ResponseEntity.status(401).build();
    }
    return ResponseEntity.status(302).header("Location", "/staff/2fa").body(tokens.generateToken(user));
  }
}
