package io.g2lstm.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** The report tests' view of the page and the charts: parsed by the JDK's XML parser, queried by XPath. */
final class Xml {

  private Xml() {}

  /** Parses {@code text}; a document that is not well-formed fails the test. */
  static Document parse(String text) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setExpandEntityReferences(false);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError("not well-formed: " + e.getMessage(), e);
    }
  }

  /** The nodes {@code xpath} selects. */
  static List<Node> nodes(Node context, String xpath) {
    try {
      NodeList list = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, context,
          XPathConstants.NODESET);
      List<Node> nodes = new ArrayList<>();
      for (int i = 0; i < list.getLength(); i++) {
        nodes.add(list.item(i));
      }
      return nodes;
    } catch (Exception e) {
      throw new AssertionError("xpath " + xpath, e);
    }
  }

  /** The text of each node {@code xpath} selects. */
  static List<String> texts(Node context, String xpath) {
    List<String> texts = new ArrayList<>();
    for (Node node : nodes(context, xpath)) {
      texts.add(node.getTextContent());
    }
    return texts;
  }

  /** The text of every body cell of table {@code id}, row by row; a cell's detail follows its text after " · ". */
  static List<List<String>> rows(Document page, String id) {
    List<List<String>> rows = new ArrayList<>();
    for (Node row : nodes(page, "//table[@id='" + id + "']/tbody/tr")) {
      List<String> cells = new ArrayList<>();
      for (Node cell : nodes(row, "th|td")) {
        StringBuilder text = new StringBuilder();
        for (Node child : nodes(cell, "node()")) {
          boolean detail = child instanceof Element element && element.getAttribute("class").equals("detail");
          text.append(detail ? " · " : "").append(child.getTextContent());
        }
        cells.add(text.toString());
      }
      rows.add(cells);
    }
    return rows;
  }
}
