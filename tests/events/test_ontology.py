from rasd.events.ontology import PLOVER_TYPES, cameo_table, lookup


def test_table_has_every_cameo_root_with_weights_and_quad_classes():
    table = cameo_table()
    roots = {c for c in table if len(c) == 2}
    assert roots == {f"{i:02d}" for i in range(1, 21)}
    for e in table.values():
        assert -10.0 <= e.goldstein <= 10.0
        assert e.quad_class in (1, 2, 3, 4)


def test_every_plover_type_is_reachable_from_some_cameo_code():
    mapped = {e.plover for e in cameo_table().values() if e.plover}
    assert mapped == set(PLOVER_TYPES)


def test_cameo2plover_mapping_and_modes_are_kept():
    assert lookup("042").plover == "CONSULT" and lookup("042").mode == "visit"
    assert lookup("195").plover == "ASSAULT"
    assert lookup("112").plover == "ACCUSE"
    assert lookup("084").plover == "RETREAT"
    assert lookup("042").goldstein == 1.9


def test_project_conventions_override_cameo2plover():
    assert lookup("057").plover == "AGREE"  # signed agreements
    assert lookup("163").plover == "SANCTION"  # sanctions
    assert lookup("023").plover == "REQUEST"  # appeals (CAMEO2PLOVER drops root 02)
    assert lookup("016").plover == "REJECT"  # denials
    assert lookup("010").plover is None  # plain statements are not coded


def test_unknown_subcode_falls_back_to_its_parent():
    e = lookup("0429")
    assert e.code == "0429" and e.plover == "CONSULT"
