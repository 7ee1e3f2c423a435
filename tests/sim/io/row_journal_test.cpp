// RowJournal: records come back after reopening, a torn tail (a killed writer) is cut off and
// appending continues after the last good record, and another job's journal is refused.
#include "sim/io/row_journal.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace {

namespace fs = std::filesystem;

fs::path temp(const std::string& name) {
    const auto p = fs::path(PUSHPULL_TEST_TMP) / (name + "-" + std::to_string(::getpid()));
    fs::remove(p);
    return p;
}

TEST(RowJournal, ResumesAfterATornTail) {
    const auto path = temp("journal");
    {
        auto j = sim::io::RowJournal::create(path, "job-a");
        ASSERT_TRUE(j);
        sim::io::PayloadWriter w;
        w.put(1.5);
        w.put_string("hello");
        ASSERT_TRUE(j->append(0, w.take()));
        ASSERT_TRUE(j->append(1, "second"));
    }
    std::ofstream(path, std::ios::app | std::ios::binary) << "\x02\x00\x00";  // a record cut short
    std::vector<sim::io::JournalRecord> records;
    auto j = sim::io::RowJournal::resume(path, "job-a", records);
    ASSERT_TRUE(j) << j.error().message();
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[1].index, 1u);
    EXPECT_EQ(records[1].payload, "second");
    sim::io::PayloadReader r(records[0].payload);
    double x = 0;
    std::string s;
    EXPECT_TRUE(r.get(x) && r.get_string(s) && r.done());
    EXPECT_EQ(x, 1.5);
    EXPECT_EQ(s, "hello");
    ASSERT_TRUE(j->append(2, "third"));
    j = sim::io::RowJournal::resume(path, "job-a", records);
    ASSERT_TRUE(j);
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[2].payload, "third");

    auto other = sim::io::RowJournal::resume(path, "job-b", records);
    ASSERT_FALSE(other);
    EXPECT_NE(other.error().message().find("different job"), std::string::npos);
    j->remove();
    EXPECT_FALSE(fs::exists(path));
}

}  // namespace
