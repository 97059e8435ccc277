from tests.factories import make_service


def test_a_service_is_stored_with_its_location_and_categories(app_context):
    service = make_service()
    assert service.id
    assert service.service_at_locations[0].location.addresses[0].postal_code == "WN1 1AA"
    assert [t.code for t in service.terms_in("Community support categories")] == ["peer_support"]
