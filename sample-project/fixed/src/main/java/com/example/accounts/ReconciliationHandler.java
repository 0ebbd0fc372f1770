package com.example.accounts;

import com.sun.net.httpserver.HttpExchange;
import io.github.bulwark.runtime.SecurityLog;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.namespace.QName;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * POST /reconciliation?endToEndId=E2E-2024-0001 with an ISO 20022 camt.054 notification from
 * the bank as the body: finds the entries for one payment so operations can match it.
 */
final class ReconciliationHandler extends JsonHandler {

  private final SessionStore sessions;

  ReconciliationHandler(SessionStore sessions) {
    this.sessions = sessions;
  }

  @Override
  Response respond(HttpExchange exchange) {
    if (sessions.sessionFor(exchange).filter(SessionStore.Session::staff).isEmpty()) {
      SecurityLog.get().accessDenied("anonymous", "/reconciliation");
      return new Response(403, Json.object("error", "staff only"));
    }
    String endToEndId = required(query(exchange), "endToEndId");
    try (InputStream in = exchange.getRequestBody()) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(false);
      // No DTDs at all (camt.054 has none), so no external entities and no entity expansion.
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      Document notification = factory.newDocumentBuilder().parse(in);
      XPath xpath = XPathFactory.newInstance().newXPath();
      // A constant expression; the id is bound as the variable $id, never spliced into it.
      xpath.setXPathVariableResolver(
          name -> name.equals(new QName("id")) ? endToEndId : null);
      NodeList entries = (NodeList) xpath.evaluate(
          "//Ntry[NtryDtls/TxDtls/Refs/EndToEndId=$id]", notification, XPathConstants.NODESET);
      List<String> amounts = new ArrayList<>();
      for (int i = 0; i < entries.getLength(); i++) {
        Element entry = (Element) entries.item(i);
        amounts.add(Json.object("amount", xpath.evaluate("Amt", entry),
            "currency", xpath.evaluate("Amt/@Ccy", entry),
            "bookedOn", xpath.evaluate("BookgDt/Dt", entry)));
      }
      return new Response(200, "[" + String.join(",", amounts) + "]");
    } catch (IOException | SAXException e) {
      throw new BadRequest("not a camt.054 document");
    } catch (ParserConfigurationException | XPathExpressionException e) {
      throw new IllegalStateException("cannot read camt.054", e);
    }
  }
}
