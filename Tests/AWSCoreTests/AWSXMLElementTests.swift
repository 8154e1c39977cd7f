import Testing
@testable import AWSCore

@Suite("The small XML reader STS answers go through")
struct AWSXMLElementTests {
    @Test func readsNamespacesEntitiesCDATACommentsAndSelfClosingTags() throws {
        let document = try AWSXMLElement.parse(Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- leading comment -->
            <sts:Response xmlns:sts="https://sts.amazonaws.com/doc/2011-06-15/" a='x>y'>
              <Result><Empty/><Key>a&amp;b&lt;c&gt;&quot;&apos;&#65;&#x42;</Key><Raw><![CDATA[<not a tag> & co]]></Raw></Result>
            </sts:Response>
            """.utf8))
        #expect(document.name == "Response")
        #expect(document.descendant("Result", "Key")?.text == "a&b<c>\"'AB")
        #expect(document.descendant("Result", "Raw")?.text == "<not a tag> & co")
        #expect(document.descendant("Result", "Empty") == AWSXMLElement(name: "Empty"))
        #expect(document.descendant("Result", "Missing") == nil)
    }

    @Test(arguments: [
        ("<a><b></a>", "closing tag </a> does not match the open element"),
        ("<a>", "the document ends before its root element is closed"),
        ("<a/><b/>", "more than one root element"),
        ("text<a/>", "text outside the root element"),
        ("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", "document type declarations are not accepted"),
        ("<a>&bogus;</a>", "unknown entity &bogus;"),
        ("<a", "unterminated tag"),
        ("", "the document ends before its root element is closed"),
    ])
    func refusesWhatIsNotWellFormed(text: String, problem: String) {
        let error = #expect(throws: AWSXMLError.self) { try AWSXMLElement.parse(Array(text.utf8)) }
        #expect(error?.description == problem)
    }
}
