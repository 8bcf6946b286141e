from .common import AftersalesCase


class TestVisitAddress(AftersalesCase):
    """The request's visit address is the customer's address on one line, in the order
    the customer's country writes it, without empty segments."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.china = cls.env.ref("base.cn")
        cls.shanghai = cls.env.ref("base.state_cn_SH")

    def test_missing_address_lines_leave_no_empty_segment(self):
        """A customer without a second street line, state or postcode: the address used to
        read '88 Huaihai Middle Road, , Shanghai'."""
        self.customer.write({"street": "88 Huaihai Middle Road", "street2": False, "city": "Shanghai"})
        request = self.create_request()
        self.assertEqual(request.street, "88 Huaihai Middle Road, Shanghai")

    def test_chinese_address_in_chinese_order_without_the_home_country(self):
        """China writes postcode, province, city, street (base.cn's address format); the
        technicians work in China, so the country is not repeated in front."""
        self.env.company.country_id = self.china
        self.customer.write(
            {
                "country_id": self.china.id,
                "state_id": self.shanghai.id,
                "city": "黄浦区",
                "street": "淮海中路88号",
                "street2": False,
                "zip": "200021",
            }
        )
        request = self.create_request()
        self.assertEqual(request.street, "200021, 上海市 黄浦区 淮海中路88号")

    def test_foreign_customer_keeps_its_country(self):
        self.env.company.country_id = self.china
        self.customer.write(
            {
                "country_id": self.env.ref("base.sg").id,
                "street": "1 Raffles Place",
                "street2": False,
                "city": "Singapore",
                "zip": "048616",
            }
        )
        request = self.create_request()
        self.assertNotIn(", ,", request.street)
        self.assertEqual(request.street, "1 Raffles Place, Singapore 048616, Singapore")
