package dev.easel.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class IpRangeTest {

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void anIpv4BlockHoldsItsAddressesAndNoOthers() throws Exception {
        IpRange block = IpRange.parse("10.1.0.0/16");
        assertThat(block.contains(ip("10.1.255.7"))).isTrue();
        assertThat(block.contains(ip("10.2.0.1"))).isFalse();
        assertThat(block.contains(ip("::1"))).isFalse();
        assertThat(block).hasToString("10.1.0.0/16");
    }

    @Test
    void anIpv6BlockHoldsItsAddresses() throws Exception {
        IpRange block = IpRange.parse("2001:db8::/32");
        assertThat(block.contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(block.contains(ip("2001:db9::1"))).isFalse();
        assertThat(block.contains(ip("10.0.0.1"))).isFalse();
    }

    @Test
    void anIpv4MappedIpv6ClientMatchesIpv4Blocks() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, (byte) 168, 1, 9};
        assertThat(IpRange.parse("192.168.1.0/24").contains(InetAddress.getByAddress(mapped))).isTrue();
    }

    @Test
    void aBareAddressIsABlockOfOneAndHostBitsAreIgnored() throws Exception {
        assertThat(IpRange.parse("127.0.0.1").contains(ip("127.0.0.1"))).isTrue();
        assertThat(IpRange.parse("127.0.0.1").contains(ip("127.0.0.2"))).isFalse();
        assertThat(IpRange.parse("192.168.1.77/24")).isEqualTo(IpRange.parse("192.168.1.0/24"));
        assertThat(IpRange.parse("0.0.0.0/0").contains(ip("8.8.8.8"))).isTrue();
    }

    @Test
    void malformedBlocksAndHostNamesAreRefused() {
        for (String bad : new String[] {"", "10.0.0.0/33", "10.0.0.0/x", "example.com", "10.0.0.0/-1", "::1/129"}) {
            assertThatThrownBy(() -> IpRange.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
