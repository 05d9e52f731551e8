// The SPARQL query page: syntax highlighting behind the textarea, example picker, Ctrl+Enter.
// No framework and no inline script (the Content-Security-Policy forbids inline code).
(function () {
  "use strict";

  var KEYWORDS = ("SELECT ASK CONSTRUCT DESCRIBE WHERE FROM NAMED PREFIX BASE DISTINCT REDUCED AS " +
    "OPTIONAL UNION MINUS GRAPH SERVICE FILTER BIND VALUES GROUP BY HAVING ORDER ASC DESC LIMIT OFFSET " +
    "NOT EXISTS IN UNDEF COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT SEPARATOR STR LANG LANGMATCHES " +
    "DATATYPE BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE ENCODE_FOR_URI " +
    "CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY HOURS MINUTES SECONDS TIMEZONE TZ NOW " +
    "UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG STRDT SAMETERM ISIRI ISURI ISBLANK " +
    "ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE A TRUE FALSE").split(" ");
  var KEYWORD_SET = {};
  KEYWORDS.forEach(function (word) { KEYWORD_SET[word] = true; });

  var TOKEN = new RegExp([
    "(#[^\\n]*)",                                            // 1 comment
    "(\"\"\"[\\s\\S]*?\"\"\"|'''[\\s\\S]*?'''|\"(?:[^\"\\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\\n]|\\\\.)*')", // 2 string
    "(<[^<>\"{}|^`\\\\\\s]*>)",                              // 3 IRI
    "([?$][\\w\\u00b7\\u00c0-\\uffff]+)",                    // 4 variable
    "([A-Za-z][\\w.-]*:[\\w.:%-]*|:[\\w.:%-]*)",             // 5 prefixed name
    "([A-Za-z_]+)",                                          // 6 word
    "(\\d+(?:\\.\\d+)?)"                                     // 7 number
  ].join("|"), "g");
  var CLASSES = [null, "tok-comment", "tok-string", "tok-iri", "tok-var", "tok-pname", "tok-keyword", "tok-number"];

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function highlight(text) {
    var html = "";
    var last = 0;
    TOKEN.lastIndex = 0;
    var match;
    while ((match = TOKEN.exec(text)) !== null) {
      if (match[0] === "") { TOKEN.lastIndex += 1; continue; }
      html += escapeHtml(text.slice(last, match.index));
      var group = 1;
      while (group < match.length && match[group] === undefined) { group += 1; }
      var cls = CLASSES[group];
      if (group === 6 && !KEYWORD_SET[match[0].toUpperCase()]) { cls = null; }
      html += cls ? '<span class="' + cls + '">' + escapeHtml(match[0]) + "</span>" : escapeHtml(match[0]);
      last = TOKEN.lastIndex;
    }
    // a trailing newline needs content after it, or the overlay is one line short
    return html + escapeHtml(text.slice(last)) + "\n";
  }

  function setUp() {
    var textarea = document.getElementById("query");
    var code = document.getElementById("editor-highlight");
    var editor = document.getElementById("editor");
    if (!textarea || !code || !editor) { return; }
    editor.classList.add("highlighting");
    var overlay = code.parentNode;

    function refresh() {
      code.innerHTML = highlight(textarea.value);
      overlay.scrollTop = textarea.scrollTop;
      overlay.scrollLeft = textarea.scrollLeft;
    }
    textarea.addEventListener("input", refresh);
    textarea.addEventListener("scroll", function () {
      overlay.scrollTop = textarea.scrollTop;
      overlay.scrollLeft = textarea.scrollLeft;
    });
    textarea.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        document.getElementById("sparql-form").requestSubmit();
      } else if (event.key === "Tab" && !event.shiftKey && !event.altKey) {
        // indent instead of leaving the editor; Escape then Tab leaves it
        if (textarea.dataset.escaped === "yes") { textarea.dataset.escaped = ""; return; }
        event.preventDefault();
        var start = textarea.selectionStart;
        textarea.setRangeText("  ", start, textarea.selectionEnd, "end");
        refresh();
      } else if (event.key === "Escape") {
        textarea.dataset.escaped = "yes";
      }
    });

    var picker = document.getElementById("example-picker");
    if (picker) {
      picker.addEventListener("change", function () {
        var option = picker.options[picker.selectedIndex];
        if (option && option.dataset.query) {
          textarea.value = option.dataset.query;
          refresh();
          textarea.focus();
        }
      });
    }

    var prefixButton = document.getElementById("insert-prefixes");
    if (prefixButton) {
      prefixButton.hidden = false;
      prefixButton.addEventListener("click", function () {
        var lines = prefixButton.dataset.prefixes.split("\n").filter(function (line) {
          var name = line.split(/\s+/)[1];
          return textarea.value.indexOf("PREFIX " + name) === -1;
        });
        if (lines.length) { textarea.value = lines.join("\n") + "\n\n" + textarea.value; refresh(); }
      });
    }

    var format = document.getElementById("result-format");
    var form = document.getElementById("sparql-form");
    if (form && format) {
      form.addEventListener("submit", function () {
        // a plain table link stays short: format=html is the page's default for browsers
        format.disabled = format.value === "html";
        window.setTimeout(function () { format.disabled = false; }, 0);
      });
    }
    refresh();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
