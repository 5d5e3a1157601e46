// Debian's libxml2 is built with ICU: <libxml/encoding.h> then includes the system <unicode/ucnv.h>,
// whose UErrorCode clashes with Foundation's bundled ICU on a clean build. Hiding the ICU part drops
// only two trailing pointer fields of xmlCharEncodingHandler, which Swift code never touches.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
