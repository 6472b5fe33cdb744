/* export_xml.c -- STUB: filled by the exporters work. */
typedef int ars_export_xml_placeholder;
