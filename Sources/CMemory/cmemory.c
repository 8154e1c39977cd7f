// The header is the whole module; this file keeps SwiftPM building it as a C target.
