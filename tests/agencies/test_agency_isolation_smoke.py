from gongkai.agencies.auth import agencies_visible_to


def test_supervisor_sees_both_agencies_and_clerk_only_their_own(world):
    assert set(agencies_visible_to(world.supervisor)) == {world.agency_a, world.agency_b}
    assert set(agencies_visible_to(world.clerk_a)) == {world.agency_a}
    assert set(agencies_visible_to(world.clerk_b)) == {world.agency_b}
    assert list(agencies_visible_to(world.outsider)) == []
