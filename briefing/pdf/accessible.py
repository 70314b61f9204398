"""Finishing a tagged PDF so that a checker (and a screen reader) finds nothing untold.

WeasyPrint 70 tags the page content, but the text of margin boxes (running heads, folios,
the footer) and the pictures in them are marked with ids that no element of the structure
tree takes: neither content nor artifact, which PDF/UA forbids and a screen reader reads
unpredictably ("Page 3 of 14" in the middle of a sentence). It also gives table header cells
no ``/Scope``. Here, with pikepdf (qpdf), after the PDF is written:

- the marked text of margin boxes becomes ``/Artifact`` (pagination), and its ids leave the
  parent tree;
- a picture in a margin box (the handout's QR code) is added to the structure tree as the
  ``/Figure`` WeasyPrint made for it, with its alt text, after the page's content;
- each ``/TH`` gets ``/Scope``: ``/Column`` in a header row, ``/Row`` first in a body row;
- the file is saved with an id computed from its content, so the same input still gives the
  same bytes.

Upstream, WeasyPrint could mark margin boxes as artifacts when it draws them (it already does
so for backgrounds and borders) and write ``/Scope`` from the cell's place in the table.
"""

from __future__ import annotations

import io
from typing import Any

#: Operators that put marks on the page (text, paths painted, pictures, shadings).
PAINTING = frozenset({"BT", "f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "Do", "sh", "BI"})


def finish_tagged_pdf(data: bytes, declare_ua: bool = False) -> bytes:
    """The tagged PDF ``data`` with every marked sequence either in the structure tree or an
    artifact, and table headers scoped; with ``declare_ua``, its metadata also says that it
    follows PDF/UA-1 (a PDF/A-3a file, which WeasyPrint declares PDF/A only)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        if declare_ua:
            _declare_ua(pdf)
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return data
        document = _document_element(root)
        referenced = referenced_content(root)
        parent_tree = _parent_tree(root)
        for page in pdf.pages:
            _finish_page(pdf, page, referenced, parent_tree, document)
        _scope_headers(root)
        _place_notes(root)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True)
        return out.getvalue()


#: The XMP saying a file follows PDF/UA-1, with the description of its one property that
#: PDF/A asks of a schema it does not define itself.
_UA_IDENTIFICATION = """<rdf:Description rdf:about="" \
xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"/>\
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" \
xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" \
xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">\
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">\
<pdfaSchema:schema>PDF/UA identification</pdfaSchema:schema>\
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">\
<pdfaProperty:name>part</pdfaProperty:name>\
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>\
<pdfaProperty:category>internal</pdfaProperty:category>\
<pdfaProperty:description>The part of ISO 14289 the file follows</pdfaProperty:description>\
</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>\
</rdf:Description>"""


def _declare_ua(pdf: Any) -> None:
    metadata = pdf.Root.get("/Metadata")
    if metadata is None:
        return
    xmp = metadata.read_bytes().decode("utf-8")
    if "pdfuaid:part" in xmp or "</rdf:RDF>" not in xmp:
        return
    xmp = xmp.replace("</rdf:RDF>", _UA_IDENTIFICATION + "</rdf:RDF>", 1)
    metadata.write(xmp.encode("utf-8"))


def referenced_content(root: Any) -> set[tuple[tuple[int, int], int]]:
    """Every (page, marked-content id) an element of the structure tree takes."""
    import pikepdf

    found: set[tuple[tuple[int, int], int]] = set()
    stack: list[tuple[Any, Any]] = [(root.get("/K"), None)]
    seen: set[tuple[int, int]] = set()
    while stack:
        node, page = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend((item, page) for item in node)
        elif isinstance(node, pikepdf.Dictionary):
            if node.is_indirect:
                if node.objgen in seen:
                    continue
                seen.add(node.objgen)
            page = node.get("/Pg", page)
            kind = node.get("/Type")
            if kind == "/MCR":
                if page is not None:
                    found.add((page.objgen, int(node.MCID)))
            elif kind != "/OBJR" and "/K" in node:
                kids = node.K
                for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                    if isinstance(kid, int) and page is not None:
                        found.add((page.objgen, int(kid)))
                    else:
                        stack.append((kid, page))
        elif isinstance(node, int) and page is not None:
            found.add((page.objgen, int(node)))
    return found


def _document_element(root: Any) -> Any:
    import pikepdf

    kids = root.K
    first = kids[0] if isinstance(kids, pikepdf.Array) else kids
    return first


def _parent_tree(root: Any) -> dict[int, Any]:
    """The parent tree's arrays by page (StructParents number)."""
    tree = root.get("/ParentTree")
    nums = tree.get("/Nums") if tree is not None else None
    if nums is None:
        return {}
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)}


def _finish_page(
    pdf: Any,
    page: Any,
    referenced: set[tuple[tuple[int, int], int]],
    parent_tree: dict[int, Any],
    document: Any,
) -> None:
    import pikepdf

    number = page.obj.get("/StructParents")
    elements = parent_tree.get(int(number)) if number is not None else None
    instructions = pikepdf.parse_content_stream(page)
    changed = False
    out: list[Any] = []
    for instruction in instructions:
        operands, operator = instruction.operands, str(instruction.operator)
        if operator == "BDC" and len(operands) == 2:
            properties = operands[1]
            mcid = (
                int(properties.MCID)
                if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties
                else None
            )
            if mcid is not None and (page.obj.objgen, mcid) not in referenced:
                element = _element_of(elements, mcid)
                if element is not None and element.get("/S") == "/Figure" and "/Alt" in element:
                    element.P = document
                    document.K.append(element)
                    referenced.add((page.obj.objgen, mcid))
                else:
                    pagination = pikepdf.Dictionary(Type=pikepdf.Name.Pagination)
                    out.append(
                        pikepdf.ContentStreamInstruction(
                            [pikepdf.Name.Artifact, pagination], pikepdf.Operator("BDC")
                        )
                    )
                    if elements is not None and mcid < len(elements):
                        elements[mcid] = None
                    changed = True
                    continue
        out.append(instruction)
    if changed:
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(out))


def _element_of(elements: Any, mcid: int) -> Any:
    import pikepdf

    if elements is None or mcid >= len(elements):
        return None
    element = elements[mcid]
    return element if isinstance(element, pikepdf.Dictionary) else None


def _scope_headers(root: Any) -> None:
    """``/Scope`` on every ``/TH``: a column's header in a header row, a row's header when it
    comes first in a body row, else a column's."""
    import pikepdf

    stack = [root.get("/K")]
    seen: set[tuple[int, int]] = set()
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
            continue
        if not isinstance(node, pikepdf.Dictionary):
            continue
        if node.is_indirect:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        if node.get("/S") == "/TH":
            _scope(node)
        kids = node.get("/K")
        if kids is not None and node.get("/Type") not in ("/MCR", "/OBJR"):
            stack.append(kids)


def _scope(cell: Any) -> None:
    import pikepdf

    row = cell.get("/P")
    group = row.get("/P") if row is not None else None
    in_head = group is not None and group.get("/S") == "/THead"
    cells = row.get("/K") if row is not None else None
    first = (
        isinstance(cells, pikepdf.Array)
        and len(cells) > 0
        and cells[0].is_indirect
        and cells[0].objgen == cell.objgen
    )
    scope = pikepdf.Name.Column if in_head or not first else pikepdf.Name.Row
    attributes = cell.get("/A")
    if isinstance(attributes, pikepdf.Dictionary):
        attributes.Scope = scope
    else:
        cell.A = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=scope)


def _in_order(root: Any) -> list[Any]:
    """The elements of the structure tree in reading order (each parent before its kids)."""
    import pikepdf

    order: list[Any] = []
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [root.get("/K")]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
            continue
        if not isinstance(node, pikepdf.Dictionary) or not node.is_indirect:
            continue
        if node.objgen in seen or node.get("/Type") in ("/MCR", "/OBJR"):
            continue
        seen.add(node.objgen)
        order.append(node)
        if "/K" in node:
            stack.append(node.K)
    return order


def _place_notes(root: Any) -> None:
    """Each footnote read right after its call: WeasyPrint puts the notes at the end of their
    page, where a screen reader would read them apart from the sentence that cites them. The
    n-th call (``/Reference``) and the n-th note (``/Note``) are one footnote."""
    import pikepdf

    elements = _in_order(root)
    calls = [e for e in elements if e.get("/S") == "/Reference"]
    notes = [e for e in elements if e.get("/S") == "/Note"]
    if not notes or len(calls) != len(notes):
        return
    for call, note in zip(calls, notes, strict=True):
        old_parent, new_parent = note.get("/P"), call.get("/P")
        if old_parent is None or new_parent is None:
            continue
        siblings, kids = old_parent.get("/K"), new_parent.get("/K")
        if not isinstance(siblings, pikepdf.Array) or not isinstance(kids, pikepdf.Array):
            continue
        _remove(siblings, note)
        place = next((i for i, k in enumerate(kids) if _same(k, call)), len(kids) - 1)
        kids.insert(place + 1, note)
        note.P = new_parent


def _same(a: Any, b: Any) -> bool:
    return bool(getattr(a, "is_indirect", False)) and a.objgen == b.objgen


def _remove(array: Any, element: Any) -> None:
    for index in range(len(array)):
        if _same(array[index], element):
            del array[index]
            return
