package xmlsafe

import "bytes"

// binaryMagic are the first bytes of the files most often given by mistake
// (a screenshot of the console, a PDF guide, a zipped export), by what they
// are.
var binaryMagic = []struct {
	prefix, name string
}{
	{"\x89PNG\r\n\x1a\n", "a PNG image"},
	{"\xff\xd8\xff", "a JPEG image"},
	{"GIF87a", "a GIF image"},
	{"GIF89a", "a GIF image"},
	{"%PDF-", "a PDF document"},
	{"PK\x03\x04", "a zip archive (or a Word, Excel or other Office file, which is one)"},
	{"PK\x05\x06", "an empty zip archive"},
	{"\x1f\x8b", "a gzip-compressed file"},
	{"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"},
	{"Rar!\x1a\x07", "a RAR archive"},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"},
	{"\x7fELF", "a program (an ELF executable)"},
	{"SQLite format 3\x00", "an SQLite database"},
}

// binaryKind names what a binary input looks like from its first bytes
// ("a PNG image"), "a binary file" for other input holding NUL bytes early
// on, or "" for text. It runs before any XML or base64 is read, so a
// screenshot is not reported as an XML syntax error.
func BinaryKind(data []byte) string {
	for _, m := range binaryMagic {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			return m.name
		}
	}
	head := data[:min(len(data), 512)]
	if utf16Encoding(head) != "" {
		return "" // UTF-16 text: the parser says what is wrong with it
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return "a binary file"
	}
	return ""
}
